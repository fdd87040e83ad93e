// Test helpers of the report layer's classification tests: a recorded report by name
// (fixtures/NAME.txt), and a report classified and keyed as the campaign does it, against a
// zoo library.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "report/classify.h"
#include "report/dedup.h"

namespace ffifuzz::report {

inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(FFIFUZZ_REPORT_FIXTURES) + "/" + name + ".txt", std::ios::binary);
  EXPECT_TRUE(in) << name;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Keyed {
  Classification c;
  DedupKey key;
};

inline Keyed keyed(const std::string& text, const std::string& library, std::set<std::string> exported) {
  ClassifyContext ctx;
  ctx.exported_functions = std::move(exported);
  ctx.library_path = "/src/ffifuzz/build/zoo/cov-asan/" + library;
  read_worker_lines(text, ctx);
  Keyed k;
  k.c = classify(text, ctx);
  k.key = dedup_key(k.c, ctx);
  return k;
}

}  // namespace ffifuzz::report
