// Symbols: every function the header declares (but does not define itself: `static inline`)
// must be a defined function in .dynsym, or one the library imports from a library it needs.
// When it is not, the local symbols and the DWARF say what became of it: a Rust function
// without #[no_mangle] is mangled (kept as a local symbol, or exported under the mangled
// name) or, when nothing in the library calls it, left out of the cdylib altogether.
// docs/check.md, "Missing symbols".
#include <algorithm>
#include <set>

#include "check/check.h"
#include "check/rust_library.h"

namespace ffifuzz::check {
namespace {

struct Whereabouts {
  enum Kind { Nowhere, RustMangledExport, RustMangled, CppMangled, LocalSymbol, DebugInfoOnly } kind = Nowhere;
  std::string path;    // "crate::module::name"
  std::string symbol;  // the symbol it hides behind
  model::SourceLanguage language = model::SourceLanguage::Unknown;  // DebugInfoOnly: its unit's
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
      return {is_rust_mangled(s.name) ? Whereabouts::RustMangledExport : Whereabouts::CppMangled, s.demangled,
              s.name};
  }
  for (const model::BinaryFunction& f : facts.functions) {
    if (f.name != name) continue;
    w = {Whereabouts::DebugInfoOnly, f.demangled, f.linkage_name, f.language};
    if (f.language == model::SourceLanguage::Rust && !f.linkage_name.empty()) return w;
  }
  return w;
}

// The attribute a Rust function needs to be exported under its own name.
std::string no_mangle_fix(const std::string& name) {
  return "mark it `#[no_mangle] pub extern \"C\" fn " + name +
         "` (`#[unsafe(no_mangle)]` in edition 2024) so that it is exported as `" + name + "`";
}

void explain(const model::BinaryFacts& facts, const std::string& name, Finding& finding) {
  const Whereabouts w = find_unexported(facts, name);
  const bool rust_library = is_rust_library(facts);
  switch (w.kind) {
    case Whereabouts::RustMangledExport:
      finding.message = "exported only under its Rust-mangled name " + w.symbol + " (`" + w.path +
                        "`), which a C caller cannot link or dlsym as `" + name + "`";
      finding.hint = no_mangle_fix(name);
      return;
    case Whereabouts::RustMangled:
      finding.message = "not exported: the library has it only as the Rust function `" + w.path +
                        "` under the mangled local symbol " + w.symbol;
      finding.hint = "`" + w.path + "` lacks #[no_mangle]: " + no_mangle_fix(name);
      return;
    case Whereabouts::CppMangled:
      finding.message = "not exported under its C name: the library has the C++ function `" + w.path +
                        "` (symbol " + w.symbol + ")";
      finding.hint = "declare it extern \"C\" in the library's source so that its symbol is `" + name + "`";
      return;
    case Whereabouts::LocalSymbol:
      finding.message = "defined in the library but not exported (a local or hidden symbol)";
      finding.hint = "give it default visibility: drop `static`, or mark it "
                     "__attribute__((visibility(\"default\"))) / list it in the version script";
      return;
    case Whereabouts::DebugInfoOnly:
      if (!w.symbol.empty() || !w.path.empty()) {
        finding.message = "not exported: the debug info has the function `" + w.path +
                          "` but no symbol exports it (inlined or not marked for export)";
        if (w.language == model::SourceLanguage::Rust)
          finding.hint = "`" + w.path + "` lacks #[no_mangle]: " + no_mangle_fix(name);
        else
          finding.hint = "make `" + name + "` an exported function: drop `static` and `inline` from its definition "
                         "(and give it default visibility)";
        return;
      }
      break;
    case Whereabouts::Nowhere:
      break;
  }
  if (rust_library) {
    // rustc mangles a function without #[no_mangle] and, in a cdylib, drops it when nothing
    // calls it: no symbol and no debug info are left to find it by.
    finding.message = facts.has_symtab || facts.has_dwarf
                          ? "not in the library: no exported, local or debug-info function has this name"
                          : "not exported by the library (a stripped Rust library)";
    finding.hint = "if the Rust crate defines `" + name + "`, " + no_mangle_fix(name) +
                   " (without it rustc mangles it and leaves it out of a cdylib when nothing calls it); "
                   "otherwise remove it from the header";
  } else if (!facts.has_symtab && !facts.has_dwarf) {
    finding.message = "not exported by the library";
    finding.hint = "export it from the library or remove it from the header (the library is stripped, so "
                   "whether it exists under another name cannot be told)";
  } else {
    finding.message = "not defined by the library: no exported, local or debug-info function has this name";
    finding.hint = "implement and export it, or remove it from the header";
  }
}

}  // namespace

void check_symbols(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out) {
  std::set<std::string> exported_functions;
  for (const model::BinarySymbol& s : facts.exports)
    if (s.is_function) exported_functions.insert(s.name);

  const std::set<std::string> imported_functions(facts.imports.begin(), facts.imports.end());

  std::set<std::string> declared;
  for (const model::Function& f : api.functions) {
    declared.insert(f.name);
    if (f.header_static) {
      out.header_defined.push_back(f.name);
      continue;
    }
    ++out.functions_declared;
    if (exported_functions.count(f.name)) continue;
    if (imported_functions.count(f.name)) {
      out.imported.push_back(f.name);
      continue;
    }
    Finding finding;
    finding.klass = kMissingSymbol;
    finding.function = f.name;
    finding.location = f.decl;
    explain(facts, f.name, finding);
    out.findings.push_back(std::move(finding));
  }

  // Linker-made entry points every shared library has; not part of anyone's API.
  static const std::set<std::string> kLinkerSymbols = {"_init", "_fini"};
  for (const model::BinarySymbol& s : facts.exports)
    if (s.is_function && !declared.count(s.name) && !kLinkerSymbols.count(s.name))
      out.undeclared_exports.push_back(s.name);
}

}  // namespace ffifuzz::check
