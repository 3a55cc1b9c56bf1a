# The library graph, bottom up. A library may link only libraries on lower
# layers: arrows point down, never sideways or up. docs/architecture.md
# says what each one owns; a new library gets a layer here first.
set(TRIALWISE_LAYERS
  "core web_assets"     # results, errors, dates; the web app's files
  "json"                # JSON text and fields, as JavaScript reads and writes them
  "model stats security"  # the data model and its JSON; statistics; passwords and tokens
  "rules"               # the JsonLogic engine
  "pack"                # a supplement's knowledge pack
  "assess"              # answers, the safety screen, the plan
  "labels trial store"  # label reading; status and the dose replay; the repositories
  "review"              # the verdict at the review date
  "export series"       # FHIR, iCalendar, the clinician's report; pooling a series of trials
  "service"             # the one entry point both front ends call
  "http"                # the server
  "cli")                # the command line

# The front ends translate and render; they reach the domain's operations and
# the stores only through the service, so they may not link these directly.
set(TRIALWISE_FRONT_ENDS http cli)
set(TRIALWISE_SERVICE_ONLY assess labels trial store review export series stats)

# The layer index of library `name` (e.g. "store") in `out`, or -1.
function(trialwise_layer_of name out)
  set(index 0)
  foreach(layer IN LISTS TRIALWISE_LAYERS)
    string(REPLACE " " ";" members "${layer}")
    if(name IN_LIST members)
      set(${out} ${index} PARENT_SCOPE)
      return()
    endif()
    math(EXPR index "${index} + 1")
  endforeach()
  set(${out} -1 PARENT_SCOPE)
endfunction()

# Checks `edges`, a list of "from>to" library names, and puts one message per
# edge that does not point down (or names a library with no layer) in `out`.
function(trialwise_check_edges edges out)
  set(problems "")
  foreach(edge IN LISTS edges)
    string(REPLACE ">" ";" ends "${edge}")
    list(GET ends 0 from)
    list(GET ends 1 to)
    trialwise_layer_of(${from} from_layer)
    trialwise_layer_of(${to} to_layer)
    if(from_layer EQUAL -1 OR to_layer EQUAL -1)
      list(APPEND problems "${from} links ${to}, and one of them has no layer in cmake/Layers.cmake")
    elseif(NOT to_layer LESS from_layer)
      list(APPEND problems "${from} (layer ${from_layer}) links ${to} (layer ${to_layer}): arrows must point down")
    elseif(from IN_LIST TRIALWISE_FRONT_ENDS AND to IN_LIST TRIALWISE_SERVICE_ONLY)
      list(APPEND problems "${from} links ${to}: a front end reaches ${to} only through the service")
    endif()
  endforeach()
  set(${out} "${problems}" PARENT_SCOPE)
endfunction()

# The project's own edges, read from the targets trialwise_<name>.
function(trialwise_library_edges out)
  set(edges "")
  foreach(layer IN LISTS TRIALWISE_LAYERS)
    string(REPLACE " " ";" members "${layer}")
    foreach(name IN LISTS members)
      if(NOT TARGET trialwise_${name})
        continue()
      endif()
      get_target_property(links trialwise_${name} LINK_LIBRARIES)
      get_target_property(interface trialwise_${name} INTERFACE_LINK_LIBRARIES)
      foreach(link IN LISTS links interface)
        # PRIVATE links of a static library show up as $<LINK_ONLY:x>.
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
        if(link MATCHES "^trialwise(::|_)([a-z_]+)$")
          set(to "${CMAKE_MATCH_2}")
          if(NOT to STREQUAL "options")
            list(APPEND edges "${name}>${to}")
          endif()
        endif()
      endforeach()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES edges)
  set(${out} "${edges}" PARENT_SCOPE)
endfunction()

# Fails the configure step when a library links one above it.
function(trialwise_check_layers)
  trialwise_library_edges(edges)
  trialwise_check_edges("${edges}" problems)
  if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "The library graph points up (see cmake/Layers.cmake):\n  ${text}")
  endif()
endfunction()
