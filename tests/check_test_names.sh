#!/bin/sh
# Every TEST_CASE name survives CTest registration: Catch2 2's catch_discover_tests splits a name
# at ';' (a CMake list separator), and the halves match no test, so that test never runs while
# CTest reports it passed. usage: check_test_names.sh TESTS_DIR
if grep -rn --include='*.cpp' 'TEST_CASE("[^"]*;' "$1"; then
  echo "test case names above hold ';': CTest would not run them; write ',' instead"
  exit 1
fi
echo "no test case name holds ';'"
