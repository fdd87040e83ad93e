// Symbol demangling for the three manglings a C-ABI library's symbol table carries:
// Rust legacy (`_ZN...17h<16 hex>E`), Rust v0 (`_R...`) and C++ Itanium (`_Z...`).
#pragma once

#include <string>

namespace ffifuzz::binary {

// The demangled path without Rust's `::h<hash>` suffix ("my_crate::module::name"), or the
// symbol unchanged when it is not mangled or does not demangle.
std::string demangle(const std::string& symbol);

// The last path component of a demangled name, without generic arguments or a parameter
// list: "my_crate::Foo::bar" -> "bar", "ns::f(int)" -> "f".
std::string last_component(const std::string& demangled);

}  // namespace ffifuzz::binary
