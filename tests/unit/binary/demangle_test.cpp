// The demangler on the three manglings: known symbols, as rustc and clang emit them.
#include <gtest/gtest.h>

#include "binary/demangle.h"

namespace ffifuzz::binary {
namespace {

TEST(Demangle, RustLegacyDropsTheHash) {
  EXPECT_EQ(demangle("_ZN12rust_symbols10make_thing17h0123456789abcdefE"), "rust_symbols::make_thing");
}

TEST(Demangle, RustLegacyEscapes) {
  EXPECT_EQ(demangle("_ZN42_$LT$$RF$T$u20$as$u20$core..fmt..Debug$GT$3fmt17h056cad4ebb23a3b5E"),
            "<&T as core::fmt::Debug>::fmt");
  EXPECT_EQ(demangle("_ZN4core3ptr46drop_in_place$LT$alloc..vec..Vec$LT$u8$GT$$GT$17hfc8276732d761897E"),
            "core::ptr::drop_in_place<alloc::vec::Vec<u8>>");
}

TEST(Demangle, RustV0) {
  EXPECT_EQ(demangle("_RNvNtCslNYArtu3iFV_5alloc5alloc7dealloc"), "alloc::alloc::dealloc");
  EXPECT_EQ(last_component(demangle("_RNvNtCslNYArtu3iFV_5alloc5alloc7dealloc")), "dealloc");
}

TEST(Demangle, CppItanium) {
  EXPECT_EQ(demangle("_ZN2ns3fooEi"), "ns::foo(int)");
  EXPECT_EQ(last_component("ns::foo(int)"), "foo");
  EXPECT_EQ(last_component("ns::Box<int>::get(ns::Box<int> const&)"), "get");
}

TEST(Demangle, PlainAndBrokenSymbolsStayAsTheyAre) {
  EXPECT_EQ(demangle("config_new"), "config_new");
  EXPECT_EQ(demangle("_ZN3foo"), "_ZN3foo");
  EXPECT_EQ(demangle("_Rgarbage"), "_Rgarbage");
  EXPECT_EQ(last_component("config_new"), "config_new");
}

}  // namespace
}  // namespace ffifuzz::binary
