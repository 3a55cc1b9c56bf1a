cmake_minimum_required(VERSION 3.25)
# cmake -P cmake/layers_test.cmake: the layer check refuses what it should.
include(${CMAKE_CURRENT_LIST_DIR}/Layers.cmake)

function(expect edges count)
  trialwise_check_edges("${edges}" problems)
  list(LENGTH problems n)
  if(NOT n EQUAL count)
    message(FATAL_ERROR "edges '${edges}': expected ${count} problem(s), got ${n}: ${problems}")
  endif()
endfunction()

expect("store>model;model>json;json>core;service>store;cli>http" 0)
expect("model>store" 1)         # up
expect("labels>trial" 1)        # sideways, same layer
expect("store>postgres" 1)      # a library with no layer
expect("json>core;core>json;rules>rules" 2)
expect("cli>store" 1)           # a front end past the service
expect("http>review;http>assess;cli>labels" 3)
expect("cli>service;cli>rules;http>service;http>pack;http>json" 0)
message(STATUS "layer check: all cases as expected")
