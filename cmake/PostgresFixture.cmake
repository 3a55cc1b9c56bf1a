# One throwaway PostgreSQL 15 server for the whole test run: the test
# postgres.start creates it (tests/support/postgres/server.sh: initdb into a
# temporary folder, a Unix socket, as the unprivileged postgres user when run
# as root) and postgres.stop removes it, as a CTest fixture. A test that needs
# it names the fixture and finds the server through TRIALWISE_TEST_POSTGRES:
#   set_tests_properties(T PROPERTIES ${TRIALWISE_NEEDS_POSTGRES})
#   gtest_discover_tests(T ... PROPERTIES ${TRIALWISE_NEEDS_POSTGRES})
set(TRIALWISE_TEST_POSTGRES_DIR ${CMAKE_BINARY_DIR}/postgres)
set(trialwise_pg_server ${PROJECT_SOURCE_DIR}/tests/support/postgres/server.sh)
add_test(NAME postgres.start COMMAND ${trialwise_pg_server} start ${TRIALWISE_TEST_POSTGRES_DIR})
add_test(NAME postgres.stop COMMAND ${trialwise_pg_server} stop ${TRIALWISE_TEST_POSTGRES_DIR})
set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres)
set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres)
set(TRIALWISE_NEEDS_POSTGRES FIXTURES_REQUIRED postgres ENVIRONMENT TRIALWISE_TEST_POSTGRES=${TRIALWISE_TEST_POSTGRES_DIR})
