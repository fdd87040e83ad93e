// Symbols: every function the header declares must be a defined function in .dynsym.
// When it is not, the local symbols and the DWARF say what became of it: a Rust function
// without #[no_mangle] is still there under its mangled name.
#include <set>

#include "check/check.h"

namespace ffifuzz::check {
namespace {

bool is_rust_mangled(const std::string& symbol) {
  // v0, or legacy (_ZN ... 17h<16 hex>E): demangling dropped a hash, so the names differ
  // by more than the Itanium rendering.
  return symbol.rfind("_R", 0) == 0 || (symbol.rfind("_ZN", 0) == 0 && symbol.size() > 20 &&
                                        symbol.compare(symbol.size() - 20, 3, "17h") == 0);
}

struct Whereabouts {
  enum Kind { Nowhere, RustMangled, CppMangled, LocalSymbol, DebugInfoOnly } kind = Nowhere;
  std::string path;    // "crate::module::name"
  std::string symbol;  // the symbol it hides behind
};

Whereabouts find_unexported(const model::BinaryFacts& facts, const std::string& name) {
  Whereabouts w;
  for (const model::BinarySymbol& s : facts.locals) {
    if (!s.is_function) continue;
    if (s.name == name) return {Whereabouts::LocalSymbol, name, s.name};
    if (s.demangled != s.name && s.short_name == name) {
      const bool rust = is_rust_mangled(s.name);
      return {rust ? Whereabouts::RustMangled : Whereabouts::CppMangled, s.demangled, s.name};
    }
  }
  // Exported, but mangled (a C++ function without extern "C", a Rust one without #[no_mangle]).
  for (const model::BinarySymbol& s : facts.exports) {
    if (s.is_function && s.demangled != s.name && s.short_name == name)
      return {is_rust_mangled(s.name) ? Whereabouts::RustMangled : Whereabouts::CppMangled, s.demangled, s.name};
  }
  for (const model::BinaryFunction& f : facts.functions) {
    if (f.name != name) continue;
    w = {Whereabouts::DebugInfoOnly, f.demangled, f.linkage_name};
    if (f.language == model::SourceLanguage::Rust && !f.linkage_name.empty()) return w;
  }
  return w;
}

}  // namespace

void check_symbols(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out) {
  std::set<std::string> exported_functions;
  for (const model::BinarySymbol& s : facts.exports)
    if (s.is_function) exported_functions.insert(s.name);

  std::set<std::string> declared;
  for (const model::Function& f : api.functions) {
    declared.insert(f.name);
    ++out.functions_declared;
    if (exported_functions.count(f.name)) continue;
    Finding finding;
    finding.klass = kMissingSymbol;
    finding.function = f.name;
    finding.location = f.decl;
    const Whereabouts w = find_unexported(facts, f.name);
    switch (w.kind) {
      case Whereabouts::RustMangled:
        finding.message = "not exported: the library has it only as the Rust function `" + w.path +
                          "` under the mangled symbol " + w.symbol;
        finding.hint = "exported only as `" + w.path + "`: add #[no_mangle] to `pub extern \"C\" fn " +
                       f.name + "` so that it is exported under its C name";
        break;
      case Whereabouts::CppMangled:
        finding.message = "not exported under its C name: the library has the C++ function `" + w.path +
                          "` (symbol " + w.symbol + ")";
        finding.hint = "declare it extern \"C\" in the library's source so that its symbol is `" + f.name + "`";
        break;
      case Whereabouts::LocalSymbol:
        finding.message = "defined in the library but not exported (a local or hidden symbol)";
        finding.hint = "give it default visibility: drop `static`, or mark it "
                       "__attribute__((visibility(\"default\"))) / list it in the version script";
        break;
      case Whereabouts::DebugInfoOnly:
        if (!w.symbol.empty() || !w.path.empty()) {
          finding.message = "not exported: the debug info has the function `" + w.path +
                            "` but no symbol exports it (inlined or not marked for export)";
          finding.hint = "exported only as `" + w.path + "`: add #[no_mangle] (Rust) or remove `static` (C) so that `" +
                         f.name + "` is exported";
          break;
        }
        [[fallthrough]];
      case Whereabouts::Nowhere:
        if (!facts.has_symtab && !facts.has_dwarf) {
          finding.message = "not exported by the library";
          finding.hint = "export it from the library or remove it from the header (the library is stripped, so "
                         "whether it exists under another name cannot be told)";
        } else {
          finding.message = "not defined by the library: no exported, local or debug-info function has this name";
          finding.hint = "implement and export it, or remove it from the header";
        }
        break;
    }
    out.findings.push_back(std::move(finding));
  }

  // Linker-made entry points every shared library has; not part of anyone's API.
  static const std::set<std::string> kLinkerSymbols = {"_init", "_fini"};
  for (const model::BinarySymbol& s : facts.exports)
    if (s.is_function && !declared.count(s.name) && !kLinkerSymbols.count(s.name))
      out.undeclared_exports.push_back(s.name);
}

}  // namespace ffifuzz::check
