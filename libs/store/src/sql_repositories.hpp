#pragma once

// The repositories written once on the store's SQL interface (sql.hpp), for
// any open connection, SQLite or PostgreSQL. Private to the store: callers
// open a database with open_sqlite* or open_postgres*.

#include <memory>

#include "sql.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::store::detail {

std::unique_ptr<TrialRepository> make_sql_trials(std::unique_ptr<SqlConnection> db);
std::unique_ptr<ProductRepository> make_sql_products(std::unique_ptr<SqlConnection> db);
std::unique_ptr<AccountRepository> make_sql_accounts(std::unique_ptr<SqlConnection> db);
std::unique_ptr<SharingRepository> make_sql_sharing(std::unique_ptr<SqlConnection> db);

}  // namespace trialwise::store::detail
