#pragma once

// `trialwise product import|list|remove`: the products a person already
// takes, read from their labels, so that a plan counts the glutamine in them.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"

namespace CLI {
class App;
}

namespace trialwise::cli {

struct ProductOptions {
  std::string db;
  std::string pack_file;  // import: --pack, whose label forms count (default: the built-in pack)
  std::string file;       // import: the label JSON, or "-"
  double servings_per_day = -1;
  bool third_party_tested = false;
  std::int64_t id = 0;  // remove
  bool json = false;
};

/// Adds `product` with its subcommands; returns them (import, list, remove).
std::vector<CLI::App*> add_product_command(CLI::App& app, ProductOptions& o);
int run_product_import(const ProductOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_product_list(const ProductOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_product_remove(const ProductOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli
