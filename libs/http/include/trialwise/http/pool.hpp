#pragma once

// Repositories kept open between requests: a request takes one (an idle one,
// or a newly opened one) and it goes back when the request is done, so no
// connection (a SQLite handle, a PostgreSQL session) is used by two threads
// at once and none is opened per request. A PostgreSQL connection the server
// dropped re-opens itself on its next use, so a pooled one is never stale.

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "trialwise/core/result.hpp"

namespace trialwise::http {

template <class Repo>
class Pool;

/// A repository lent for one request; goes back to its pool when destroyed.
/// Empty (get() == nullptr) when the pool has no opener (e.g. no products).
template <class Repo>
class Lease {
 public:
  Lease() = default;
  Lease(Pool<Repo>& owner, std::unique_ptr<Repo> repo) : owner_(&owner), repo_(std::move(repo)) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() {
    if (repo_ && owner_ != nullptr) owner_->give_back(std::move(repo_));
  }

  Repo& operator*() const { return *repo_; }
  Repo* operator->() const { return repo_.get(); }
  Repo* get() const { return repo_.get(); }

 private:
  Pool<Repo>* owner_ = nullptr;
  std::unique_ptr<Repo> repo_;
};

template <class Repo>
class Pool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Repo>>()>;

  Pool() = default;
  explicit Pool(Opener open) : open_(std::move(open)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  /// Sets the opener; before serving only.
  void open_with(Opener open) { open_ = std::move(open); }
  bool can_open() const { return static_cast<bool>(open_); }

  /// An idle repository, or a newly opened one (the opener's error if that
  /// fails); an empty lease when there is no opener.
  Result<Lease<Repo>> take() {
    if (!open_) return Lease<Repo>();
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto repo = std::move(idle_.back());
        idle_.pop_back();
        return Lease<Repo>(*this, std::move(repo));
      }
    }
    // Opened outside the lock: opening may wait on the database.
    auto repo = open_();
    if (!repo) return Unexpected{repo.error()};
    return Lease<Repo>(*this, std::move(*repo));
  }

 private:
  friend class Lease<Repo>;
  void give_back(std::unique_ptr<Repo> repo) {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(repo));
  }

  Opener open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Repo>> idle_;
};

}  // namespace trialwise::http
