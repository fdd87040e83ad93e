#include "report/emit_c.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>

#include "program/call_trace.h"
#include "program/image.h"
#include "program/lowering.h"
#include "program/values.h"
#include "report/harness_c_sources.h"

namespace ffifuzz::report {
namespace {

using model::TypeKind;
using program::ReturnKind;
using program::SlotKind;

constexpr size_t kPointerFieldBytes = 64;  // what the executor points a struct's pointer fields at

std::string hex64(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llxULL", static_cast<unsigned long long>(v));
  return buf;
}

// A C string literal of the bytes; octal escapes (always three digits) never run into the
// next character the way \x escapes do.
std::string c_bytes(const uint8_t* data, size_t n) {
  std::string s = "\"";
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = data[i];
    if (c == '"' || c == '\\') s += '\\', s += static_cast<char>(c);
    else if (c >= 0x20 && c < 0x7f && c != '?') s += static_cast<char>(c);  // '?': no trigraphs
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      s += buf;
    }
    if (i % 64 == 63 && i + 1 < n) s += "\"\n        \"";
  }
  return s + "\"";
}

std::string int_literal(const model::ApiModel& api, model::TypeId id, uint64_t bits) {
  const model::Type& t = api.type(id);
  if (t.kind == TypeKind::Bool) return bits & 1 ? "1" : "0";
  if (t.is_signed) {
    int64_t v = static_cast<int64_t>(bits);
    if (v == INT64_MIN) return "(-9223372036854775807LL - 1)";
    return std::to_string(v) + "LL";
  }
  return bits < 0x10000 ? std::to_string(bits) + "ULL" : hex64(bits);
}

std::string float_literal(const model::ApiModel& api, model::TypeId id, uint64_t bits) {
  // Exact bits, NaN payloads and signed zeros included.
  if (api.type(id).size == 4) return "ffz_f32(" + hex64(bits & 0xffffffffu) + ")";
  return "ffz_f64(" + hex64(bits) + ")";
}

uint64_t read_scalar(const model::Type& t, const uint8_t* at) {
  uint64_t v = 0;
  std::memcpy(&v, at, std::min<size_t>(t.size, 8));
  if (t.is_signed && t.size < 8 && ((v >> (t.size * 8 - 1)) & 1)) v |= ~uint64_t{0} << (t.size * 8);
  return v;
}

// The executor's preparation of a struct image (exec/executor.cpp prepare_image), from the
// same per-type layout: canonical for its type, and the offsets of the pointer fields (the
// C program points them at zeroed memory of its own, as the executor does).
// Canonicalizes the image with the plan's layout for it (contract-fixed fields included);
// returns where pointers sit, and where callbacks sit in `callbacks`.
std::vector<size_t> fix_up_image(const model::ApiModel& api, const program::ApiPlan& plan, const program::Slot& slot,
                                 uint8_t* image, std::vector<size_t>& callbacks) {
  program::ImageLayout layout =
      slot.image >= 0 ? plan.images[static_cast<size_t>(slot.image)] : program::image_layout(api, slot.value_type);
  program::canonicalize_image(api, layout, image);
  callbacks.assign(layout.callbacks.begin(), layout.callbacks.end());
  return {layout.pointers.begin(), layout.pointers.end()};
}

std::string set_callback(const std::string& address, size_t offset) {
  return "{ void *cb = (void *)ffz_callback; memcpy((char *)" + address + " + " + std::to_string(offset) + ", &cb, sizeof cb); }";
}

// A designated initializer for a (fixed-up) image, or nothing when the type has parts a
// literal cannot spell (unions, bitfields, unnamed fields): those go through memcpy.
std::optional<std::string> initializer(const model::ApiModel& api, model::TypeId id, const uint8_t* image) {
  const model::Type& t = api.type(id);
  switch (t.kind) {
    case TypeKind::Bool:
    case TypeKind::Int:
    case TypeKind::Enum: return int_literal(api, id, read_scalar(t, image));
    case TypeKind::Float: {
      uint64_t v = 0;
      std::memcpy(&v, image, std::min<size_t>(t.size, 8));
      return float_literal(api, id, v);
    }
    case TypeKind::Pointer: return "ffz_place(0, 0, " + std::to_string(kPointerFieldBytes) + ", 0)";
    case TypeKind::Array: {
      const model::Type& e = api.type(t.element);
      std::string s = "{";
      for (uint64_t i = 0; i < t.count; ++i) {
        std::optional<std::string> v = initializer(api, t.element, image + i * e.size);
        if (!v) return std::nullopt;
        s += (i ? ", " : "") + *v;
      }
      return s + "}";
    }
    case TypeKind::Struct: {
      if (!t.complete) return std::nullopt;
      std::string s = "{";
      bool first = true;
      for (const model::Field& f : t.fields) {
        if (f.name.empty() || f.bit_width) return std::nullopt;
        std::optional<std::string> v = initializer(api, f.type, image + f.offset_bits / 8);
        if (!v) return std::nullopt;
        s += (first ? "." : ", .") + f.name + " = " + *v;
        first = false;
      }
      return s + "}";
    }
    default: return std::nullopt;
  }
}

// Prints a program as C. Which object each handle gets, which calls are made and what is
// released at the end come from the executor's own lowering (program/lowering.h), told what
// the calls gave by a traced replay when there is one: the C program makes the calls the
// executor made, with the objects it passed.
class Emitter {
 public:
  Emitter(const program::ApiPlan& plan, const model::ApiModel& api, const std::string& replay_log)
      : plan_(plan), api_(api), lowering_(plan), traced_(program::read_traced_calls(replay_log)) {}

  std::string program_body(const program::Program& p) {
    program::LoweredCall lowered;
    for (size_t i = 0; i < p.calls.size(); ++i) {
      const program::Call& call = p.calls[i];
      const program::FunctionPlan& f = plan_.functions[call.fn];
      lowering_.lower(call, i, lowered);
      const program::TracedCall* traced = i < traced_.size() && traced_[i].seen ? &traced_[i] : nullptr;
      std::string reason = lowered.made() ? "" : program::skip_reason(plan_, lowered);
      if (lowered.made() && traced && !traced->made) {  // only the executor knew (its memory ran out)
        lowered.skip = program::Skip::NoStorage;
        reason = traced->skip_reason.empty() ? program::skip_reason(plan_, lowered) : traced->skip_reason;
      }
      if (!lowered.made()) {
        body_ << "  /* call #" << i << " " << f.name << ": not made (" << reason << "), as in the harness */\n";
        body_ << "  ffz_skip(" << i << ", \"" << f.name << "\", " << c_text(reason) << ");\n";
        continue;
      }
      emit_call(call, lowered);
      program::CallOutcome outcome;
      const bool returned = traced && traced->returned;
      outcome.failed = returned && traced->failed;
      if (f.ret == ReturnKind::OwnedHandle) outcome.result = returned && traced->null_result ? nullptr : program::kSomeObject;
      if (f.produced_by >= 0) {
        const bool null_arg = call.args[static_cast<size_t>(f.produced_by)].is_null;
        outcome.produced = null_arg || (returned && traced->no_object) ? nullptr : program::kSomeObject;
      }
      const size_t before = lowering_.ledger().entries().size();
      lowering_.record(lowered, outcome);
      name_new_entries(before, f, lowered, outcome);
    }
    body_ << "  /* Release what is still live, newest first, as the executor does. */\n";
    while (lowering_.next_release(lowered)) {
      if (lowered.free_entry >= 0) {
        body_ << "  ffz_release(\"free\");\n  free(" << var_of(lowered.free_entry) << ");\n  ffz_current = NULL;\n";
        lowering_.record(lowered, {});
        continue;
      }
      const program::FunctionPlan& releaser = plan_.functions[lowered.fn];
      if (!lowered.made()) {
        std::string reason = program::skip_reason(plan_, lowered);
        body_ << "  /* release " << releaser.name << ": not made (" << reason << "), as in the harness */\n";
        body_ << "  ffz_skip_release(\"" << releaser.name << "\", " << c_text(reason) << ");\n";
        continue;
      }
      emit_call(lowering_.release_call(), lowered);
      const size_t before = lowering_.ledger().entries().size();
      const program::CallOutcome outcome{.result = releaser.ret == ReturnKind::OwnedHandle ? program::kSomeObject : nullptr};
      lowering_.record(lowered, outcome);
      name_new_entries(before, releaser, lowered, outcome);
    }
    return body_.str();
  }

  size_t placements() const { return placements_; }
  const std::vector<std::string>& handle_variables() const { return variables_; }

 private:
  static std::string c_text(const std::string& s) { return c_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

  std::string place(const std::vector<uint8_t>& bytes, size_t size, bool terminate) {
    ++placements_;
    return "ffz_place(" + c_bytes(bytes.data(), std::min(bytes.size(), size)) + ", " +
           std::to_string(std::min(bytes.size(), size)) + ", " + std::to_string(size) + ", " + (terminate ? "1" : "0") +
           ")";
  }

  // The C variable of a ledger entry: r<call> of the call that made it.
  const std::string& var_of(int entry) const { return entry_vars_[static_cast<size_t>(entry)]; }

  // The entries record() added for a call get its variables: the produced object (written
  // by emit_call as `produced_var_`), then the returned one (`result_var_`), each added only
  // when the outcome says it exists (program::Lowering::record).
  void name_new_entries(size_t before, const program::FunctionPlan& f, const program::LoweredCall& lowered,
                        const program::CallOutcome& outcome) {
    std::vector<std::string> added;
    if (!outcome.failed && f.produced_by >= 0 && outcome.produced) added.push_back(produced_var_);
    // A reference added (retains): the same object, the same variable, released once more.
    for (size_t i = 0; i < f.arity && !outcome.failed; ++i)
      if (f.params[i].retains && lowered.entries[i] >= 0) added.push_back(var_of(lowered.entries[i]));
    if (f.ret == ReturnKind::OwnedHandle && outcome.result) added.push_back(result_var_);
    const size_t now = lowering_.ledger().entries().size();
    for (size_t e = before, c = 0; e < now; ++e, ++c) entry_vars_.push_back(c < added.size() && !added[c].empty() ? added[c] : "NULL");
  }

  // A fresh variable for an object a call makes.
  std::string new_variable(size_t index, const char* suffix) {
    std::string name = index == program::kFinalRelease ? std::string("rel") + std::to_string(releases_++)
                                                       : "r" + std::to_string(index) + suffix;
    variables_.push_back(name);
    return name;
  }

  // One made call (index kFinalRelease: a release at the end), the way Executor::prepare_call
  // and invoke make it, and the trace lines the executor prints for it.
  void emit_call(const program::Call& call, const program::LoweredCall& lowered) {
    const program::FunctionPlan& f = plan_.functions[call.fn];
    const model::Function& fn = api_.functions[f.function];
    const size_t index = lowered.index;
    const bool final_release = index == program::kFinalRelease;
    produced_var_.clear();
    result_var_.clear();
    std::vector<std::string> args(f.params.size());
    std::vector<std::string> setup;
    for (size_t k = 0; k < f.params.size(); ++k) {
      const program::Slot& s = f.params[k];
      const program::Arg& a = call.args[k];
      std::string& out = args[k];
      std::string var = "a" + std::to_string(k);
      switch (s.kind) {
        case SlotKind::Int: out = int_literal(api_, s.value_type, a.bits); break;
        case SlotKind::Float: out = float_literal(api_, s.value_type, a.bits); break;
        case SlotKind::Length: {
          out = std::to_string(program::length_value(f, call, k));
          if (s.by_pointer) {  // in/out length: a variable holding it
            setup.push_back(model::describe(api_, s.value_type) + " " + var + " = " + out + ";");
            out = "&" + var;
          }
          break;
        }
        case SlotKind::Record: {
          std::vector<uint8_t> image = a.bytes;
          image.resize(api_.type(s.value_type).size);
          std::vector<size_t> callbacks;
          std::vector<size_t> pointers = fix_up_image(api_, plan_, s, image.data(), callbacks);
          std::string type = model::describe(api_, s.value_type);
          if (std::optional<std::string> init = initializer(api_, s.value_type, image.data())) {
            setup.push_back(type + " " + var + " = " + *init + ";");
            placements_ += pointers.size();
          } else {
            setup.push_back(type + " " + var + ";");
            setup.push_back("memcpy(&" + var + ", " + c_bytes(image.data(), image.size()) + ", sizeof " + var + ");");
            for (size_t off : pointers) {
              ++placements_;
              setup.push_back("ffz_point_at_zeros(&" + var + ", " + std::to_string(off) + ");");
            }
          }
          for (size_t off : callbacks) setup.push_back(set_callback("&" + var, off));
          out = var;
          break;
        }
        case SlotKind::CString:
        case SlotKind::Buffer:
          if (a.is_null) {
            out = "NULL";
          } else if (s.path) {  // a file in the program's own scratch folder, as the harness names it
            std::string name = program::path_name(a.bytes);
            out = "ffz_path(" + c_bytes(reinterpret_cast<const uint8_t*>(name.data()), name.size()) + ")";
          } else if (s.kind == SlotKind::Buffer && s.image >= 0) {
            // As the executor: an array of structs, each whole element canonicalized and its
            // pointer fields given memory of their own, callbacks the do-nothing one.
            std::vector<uint8_t> bytes = a.bytes;
            std::vector<std::pair<size_t, size_t>> pointers, callbacks;  // element offset, field offset
            for (size_t at = 0; at + s.unit_size <= bytes.size(); at += s.unit_size) {
              std::vector<size_t> element_callbacks;
              for (size_t off : fix_up_image(api_, plan_, s, bytes.data() + at, element_callbacks)) pointers.push_back({at, off});
              for (size_t off : element_callbacks) callbacks.push_back({at, off});
            }
            setup.push_back("void *" + var + " = " + place(bytes, program::placed_bytes(s, a, 0), false) + ";");
            size_t next_pointer = 0, next_callback = 0;
            for (size_t at = 0; at + s.unit_size <= bytes.size(); at += s.unit_size) {
              for (; next_pointer < pointers.size() && pointers[next_pointer].first == at; ++next_pointer) {
                ++placements_;
                setup.push_back("ffz_point_at_zeros(" + var + ", " + std::to_string(at + pointers[next_pointer].second) + ");");
              }
              for (; next_callback < callbacks.size() && callbacks[next_callback].first == at; ++next_callback)
                setup.push_back(set_callback(var, at + callbacks[next_callback].second));
            }
            out = var;
          } else {
            out = place(a.bytes, program::placed_bytes(s, a, 0), s.kind == SlotKind::CString);
          }
          break;
        case SlotKind::Strings: {  // as the executor: each string placed, then the array, NULL after the last
          if (a.is_null) {
            out = "NULL";
            break;
          }
          std::string list;
          for (const std::vector<uint8_t>& one : program::split_strings(a.bytes))
            list += place(one, one.size(), true) + ", ";
          setup.push_back("void *" + var + "_strings[] = {" + list + "NULL};");
          ++placements_;
          setup.push_back("void *" + var + " = ffz_place(" + var + "_strings, sizeof " + var + "_strings, sizeof " + var +
                          "_strings, 0);");
          out = var;
          break;
        }
        case SlotKind::File:  // a FILE * on a scratch file holding the bytes
          out = "ffz_file(" + c_bytes(a.bytes.data(), a.bytes.size()) + ", " + std::to_string(a.bytes.size()) + ")";
          break;
        case SlotKind::Object:
        case SlotKind::Out: {
          if (a.is_null) {
            out = "NULL";
            break;
          }
          size_t size = api_.type(s.value_type).size;
          std::vector<uint8_t> image = s.kind == SlotKind::Out ? std::vector<uint8_t>() : a.bytes;
          std::vector<size_t> pointers, callbacks;
          if (s.kind == SlotKind::Object) {
            image.resize(size);
            pointers = fix_up_image(api_, plan_, s, image.data(), callbacks);
          }
          // As the executor: an object with a `size` contract is followed by zeros up to it.
          const size_t placed = s.kind == SlotKind::Object ? program::placed_bytes(s, a, size) : size;
          setup.push_back("void *" + var + " = " + place(image, placed, false) + ";");
          for (size_t off : pointers) {
            ++placements_;
            setup.push_back("ffz_point_at_zeros(" + var + ", " + std::to_string(off) + ");");
          }
          for (size_t off : callbacks) setup.push_back(set_callback(var, off));
          out = var;
          break;
        }
        case SlotKind::Init:
        case SlotKind::OutHandle:
          if (a.is_null) {
            out = "NULL";
            break;
          }
          setup.push_back("void *" + var + " = " +
                          place({}, s.kind == SlotKind::Init ? api_.type(s.value_type).size : sizeof(void*), false) + ";");
          out = var;
          break;
        case SlotKind::Callback:
          out = a.is_null ? "NULL" : "(void *)ffz_callback";
          break;
        case SlotKind::Fixed:
          out = s.fixed.is_string ? c_bytes(reinterpret_cast<const uint8_t*>(s.fixed.text.data()), s.fixed.text.size())
                                  : "(" + model::describe(api_, s.type) + ")" + std::to_string(s.fixed.integer) + "LL";
          break;
        case SlotKind::Handle: {
          int entry = lowered.entries[k];
          out = entry < 0 ? "NULL" : var_of(entry);
          // By reference (exec/executor.cpp): the address of a pointer holding it.
          if (entry >= 0 && s.by_reference)
            out = "&(" + model::describe(api_, api_.type(s.type).pointee) + "){" + out + "}";
          break;
        }
      }
    }
    // Field slots are written into their object, not passed (exec/executor.cpp fill_fields).
    for (size_t k = f.arity; k < f.params.size(); ++k) {
      const program::Slot& s = f.params[k];
      const std::string& object = args[static_cast<size_t>(s.field_of)];
      setup.push_back("if (" + object + ") { " + model::describe(api_, s.type) + " v = " +
                      (s.kind == SlotKind::Buffer ? "(" + model::describe(api_, s.type) + ")" : "") + args[k] +
                      "; memcpy((char *)" + object + " + " + std::to_string(s.field_offset) + ", &v, sizeof v); }");
    }
    args.resize(f.arity);
    body_ << "  { /* " << (final_release ? std::string("release") : "call #" + std::to_string(index)) << " */\n";
    for (const std::string& line : setup) body_ << "    " << line << "\n";
    if (final_release) body_ << "    ffz_release(\"" << f.name << "\");\n";
    else body_ << "    ffz_trace(" << index << ", \"" << f.name << "\");\n";

    // The result, in a variable the trace line and the checks read.
    const model::Type& rt = api_.type(fn.ret);
    const bool pointer_result =
        f.ret == ReturnKind::OwnedHandle || f.ret == ReturnKind::CString || f.ret == ReturnKind::Borrowed;
    const bool int_result = f.ret == ReturnKind::Value &&
                            (rt.kind == TypeKind::Int || rt.kind == TypeKind::Enum || rt.kind == TypeKind::Bool);
    std::string invocation = f.name + "(";
    for (size_t k = 0; k < args.size(); ++k) invocation += (k ? ", " : "") + args[k];
    invocation += ")";
    std::string assign;
    if (pointer_result) {
      body_ << "    void *ret = NULL;\n";
      assign = "ret = (void *)" + invocation;
    } else if (int_result) {
      body_ << "    " << (rt.is_signed ? "long long" : "unsigned long long") << " ret = 0;\n";
      assign = std::string("ret = (") + (rt.is_signed ? "long long" : "unsigned long long") + ")" + invocation;
    } else if (f.ret == ReturnKind::Void) {
      assign = invocation;
    } else {
      assign = "(void)" + invocation;
    }
    if (f.drops_reference) {
      // The harness drops a reference and destroys only at zero (plan: drops_reference).
      std::string object = "NULL";
      for (size_t k = 0; k < f.arity; ++k)
        if (f.params[k].releases) {
          object = args[k];
          break;
        }
      body_ << "    if (ffz_last_reference(" << object << ", " << f.refcount_offset << ", " << f.refcount_size << "))\n  ";
    }
    body_ << "    " << assign << ";\n";
    body_ << "    ffz_current = NULL;\n";
    if (!final_release) {
      std::string failed = "0";
      const std::string as_value = std::string("(long long)") + (pointer_result ? "(uintptr_t)" : "") + "ret";
      if (f.has_success && (int_result || pointer_result)) failed = as_value + " != " + std::to_string(f.success) + "LL";
      if (f.has_failure && (int_result || pointer_result))
        failed = (f.has_success ? "(" + failed + " || " : "(") + as_value + " == " + std::to_string(f.failure) + "LL)";
      std::string no_object = "0";
      if (f.produced_by >= 0) {
        const program::Slot& s = f.params[static_cast<size_t>(f.produced_by)];
        const std::string& where = args[static_cast<size_t>(f.produced_by)];
        no_object = s.kind == SlotKind::OutHandle ? "(" + where + " == NULL || *(void **)" + where + " == NULL)"
                                                  : "(" + where + " == NULL)";
      }
      if (pointer_result) body_ << "    ffz_result_pointer(" << index << ", ret, " << failed << ", " << no_object << ");\n";
      else if (int_result)
        body_ << "    ffz_result_" << (rt.is_signed ? "signed" : "unsigned") << "(" << index << ", ret, " << failed << ", "
              << no_object << ");\n";
      else body_ << "    ffz_result_text(" << index << ", \"" << (f.ret == ReturnKind::Void ? "void" : "value") << "\", "
                 << failed << ", " << no_object << ");\n";
    }
    if (pointer_result) {
      // The harness's own checks (exec/call_checks.h), with the arguments exec/post_call gives them.
      const model::Type& pointee = api_.type(rt.pointee);
      const bool record = (pointee.kind == TypeKind::Struct || pointee.kind == TypeKind::Union) && pointee.complete;
      const bool cstring = f.ret == ReturnKind::CString && pointee.kind == TypeKind::Int && pointee.size == 1;
      body_ << "    ffz_check_returned(\"" << f.name << "\", \"" << pointee.name << "\", ret, "
            << (record ? "sizeof(" + model::describe(api_, rt.pointee) + ")" : std::string("0")) << ", " << record << ", "
            << (f.ret == ReturnKind::OwnedHandle) << ", " << f.returns_base << ", " << cstring << ");\n";
    }
    if (f.produced_by >= 0 && !final_release) {
      const program::Slot& s = f.params[static_cast<size_t>(f.produced_by)];
      const std::string& where = args[static_cast<size_t>(f.produced_by)];
      produced_var_ = new_variable(index, "");
      body_ << "    " << produced_var_ << " = "
            << (s.kind == SlotKind::OutHandle ? "(" + where + " ? *(void **)" + where + " : NULL)" : where) << ";\n";
    }
    if (f.ret == ReturnKind::OwnedHandle) {
      result_var_ = new_variable(index, produced_var_.empty() ? "" : "_result");
      body_ << "    " << result_var_ << " = ret;\n";
    }
    body_ << "  }\n";
  }

  const program::ApiPlan& plan_;
  const model::ApiModel& api_;
  program::Lowering lowering_;
  std::vector<program::TracedCall> traced_;
  std::vector<std::string> entry_vars_;  // per ledger entry
  std::vector<std::string> variables_;   // every object variable, declared at the top of main
  std::string produced_var_, result_var_;
  size_t releases_ = 0;
  std::ostringstream body_;
  size_t placements_ = 0;
};

const char* kRuntime = R"C(/* The executor's memory: the ASan heap at exact sizes, or guarded slots (above). */
static struct ffz_slots ffz_arena;
static void *ffz_blocks[FFZ_PLACEMENTS];
static size_t ffz_block_count;

static void ffz_arena_init(void) {
  if (FFZ_HEAP_BUFFERS) return;
  if (ffz_slots_map(&ffz_arena, FFZ_PLACEMENTS, FFZ_SLOT_BYTES) != 0) { perror("mmap"); exit(3); }
  /* The same banner as the harness: a fault in this range is a guard-page hit. */
  fprintf(stderr, "ffifuzz: arena %p-%p\n", (void *)ffz_arena.base, (void *)(ffz_arena.base + ffz_arena.mapped));
}

/* `n` bytes (the first `have` from `data`, zeros after), NUL-terminated when `terminate`. */
static void *ffz_place(const void *data, size_t have, size_t n, int terminate) {
  size_t total = n + (terminate ? 1 : 0);
  unsigned char *p;
  if (FFZ_HEAP_BUFFERS) {
    p = malloc(total ? total : 1);
    ffz_blocks[ffz_block_count++] = p;
  } else {
    p = ffz_slots_take(&ffz_arena, total);
    if (!p) { fprintf(stderr, "ffifuzz: repro: no guarded slot left\n"); exit(3); }
  }
  if (have) memcpy(p, data, have);
  if (have < n) memset(p + have, 0, n - have);
  if (terminate) p[n] = 0;
  return p;
}

/* Path and FILE * parameters: files in a scratch folder of the program's own (exec/executor.cpp),
   removed with what is in it when the program exits (a crash leaves it, to be looked at). */
static char ffz_scratch[64];
static void ffz_scratch_remove(void) {
  DIR *d = opendir(ffz_scratch);
  if (d) {
    struct dirent *e;
    char p[sizeof ffz_scratch + 260];
    while ((e = readdir(d)))
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
        snprintf(p, sizeof p, "%s/%s", ffz_scratch, e->d_name);
        unlink(p);
      }
    closedir(d);
  }
  rmdir(ffz_scratch);
}
static const char *ffz_path(const char *name) {
  static char paths[16][128];
  static unsigned next;
  if (!ffz_scratch[0]) {
    snprintf(ffz_scratch, sizeof ffz_scratch, "/tmp/ffifuzz-repro-XXXXXX");
    if (!mkdtemp(ffz_scratch)) { perror("mkdtemp"); exit(3); }
    atexit(ffz_scratch_remove);
  }
  char *p = paths[next++ % 16];
  snprintf(p, 128, "%s/%s", ffz_scratch, name);
  return p;
}
static FILE *ffz_file(const char *content, size_t n) {
  static unsigned count;
  char name[32];
  snprintf(name, sizeof name, "file-%u", count++);
  FILE *f = fopen(ffz_path(name), "w+");
  if (!f) { perror("fopen"); exit(3); }
  fwrite(content, 1, n, f);
  rewind(f);
  return f;
}

/* The library may not end the process or take over crash handling behind the reproducer's
   back, as in ffifuzz (exec/process_guard.cpp): these definitions come first for the library. */
extern char __executable_start, etext;
static const char *ffz_current; /* the call in progress (ffz_trace) */
static int ffz_from_program(void *return_address) {
  return (char *)return_address >= &__executable_start && (char *)return_address < &etext;
}
static int ffz_guarded(int sig) {
  return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGABRT || sig == SIGALRM;
}
int __interceptor_sigaction(int, const struct sigaction *, struct sigaction *) __attribute__((weak));
static int ffz_real_sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  int (*real)(int, const struct sigaction *, struct sigaction *) = __interceptor_sigaction;
  if (!real) real = (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
  return real(sig, act, old);
}
int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  if (act && ffz_guarded(sig) && !ffz_from_program(__builtin_return_address(0))) {
    fprintf(stderr, "ffifuzz: note: the library tried to install its own handler for signal %d; refused\n", sig);
    return old ? ffz_real_sigaction(sig, NULL, old) : 0;
  }
  return ffz_real_sigaction(sig, act, old);
}
sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction now, want;
  memset(&want, 0, sizeof want);
  want.sa_handler = handler;
  if (ffz_guarded(sig) && !ffz_from_program(__builtin_return_address(0))) {
    fprintf(stderr, "ffifuzz: note: the library tried to install its own handler for signal %d; refused\n", sig);
    ffz_real_sigaction(sig, NULL, &now);
    return now.sa_handler;
  }
  return ffz_real_sigaction(sig, &want, &now) == 0 ? now.sa_handler : SIG_ERR;
}
/* An exit from inside a library call is the finding, with the stack that made it (as
   exec/process_guard.cpp reports it); the program's own exits pass. */
static void ffz_report_exit(const char *how, int status) {
  fprintf(stderr, "==ffifuzz== ERROR: exit: the library called %s(%d) inside %s\n", how, status, ffz_current);
  __sanitizer_print_stack_trace();
  abort();
}
void _exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("_exit", status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}
void _Exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("_Exit", status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}
void exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("exit", status);
  void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "exit");
  real(status);
  __builtin_unreachable();
}
void quick_exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("quick_exit", status);
  void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "quick_exit");
  real(status);
  __builtin_unreachable();
}

/* Memory the library keeps from one run of the program to the next (driver/heap_growth.h). */
static size_t ffz_smallest_heap = (size_t)-1;
static void ffz_check_growth(long runs) {
  size_t live = __sanitizer_get_current_allocated_bytes();
  if (live < ffz_smallest_heap) ffz_smallest_heap = live;
  if (live - ffz_smallest_heap < ((size_t)256 << 20)) return;
  fprintf(stderr, "==ffifuzz== ERROR: out-of-memory: the library keeps memory from one program to the next: the live "
          "heap grew by %zu MiB over %ld runs of the program; what holds it:\n", (live - ffz_smallest_heap) >> 20, runs);
  __sanitizer_print_memory_profile(90, 3);
  abort();
}

/* Overwrites the stack below the caller with zeros: no stale pointer is left there. Called
   from main right after ffz_program returned, its frame sits where the program's was; left
   uninstrumented, its array starts right under that frame (ASan's redzones would leave the
   top of it, where the program's locals were, unscrubbed: a leak seen one run in two). */
static __attribute__((noinline, no_sanitize("address"))) void ffz_scrub_stack(void) {
  volatile unsigned char zeros[64 * 1024];
  memset((void *)zeros, 0, sizeof zeros);
}

/* ffifuzz's callback: does nothing, returns zero (exec/ffi_frames.cpp). */
static long ffz_callback(void) { return 0; }

static void ffz_point_at_zeros(void *image, size_t offset) {
  void *zeros = ffz_place(0, 0, 64, 0);
  memcpy((unsigned char *)image + offset, &zeros, sizeof zeros);
}

static void ffz_free_blocks(void) {
  for (size_t i = 0; i < ffz_block_count; ++i) free(ffz_blocks[i]);
  ffz_block_count = 0;  /* the next run of the program places again from the start */
  if (!FFZ_HEAP_BUFFERS) ffz_slots_reset(&ffz_arena);
}

static float ffz_f32(unsigned long long bits) { uint32_t u = (uint32_t)bits; float f; memcpy(&f, &u, 4); return f; }
static double ffz_f64(unsigned long long bits) { double d; memcpy(&d, &bits, 8); return d; }

/* The trace lines the harness prints when it replays the input (program/call_trace.h): the
   same calls, skips, results and releases, line for line. */
static const char *ffz_current;
static void ffz_trace(size_t index, const char *name) {
  fprintf(stderr, "ffifuzz: call #%zu %s\n", index, name);
  ffz_current = name;
}
static void ffz_release(const char *name) {
  fprintf(stderr, "ffifuzz: release %s\n", name);
  ffz_current = name;
}
static void ffz_skip(size_t index, const char *name, const char *reason) {
  fprintf(stderr, "ffifuzz: skip #%zu %s (%s)\n", index, name, reason);
}
static void ffz_skip_release(const char *name, const char *reason) {
  fprintf(stderr, "ffifuzz: skip release %s (%s)\n", name, reason);
}
static void ffz_result_text(size_t index, const char *value, int failed, int no_object) {
  fprintf(stderr, "ffifuzz: result #%zu %s%s%s\n", index, value, failed ? " (failed)" : "", no_object ? " (no object)" : "");
}
static void ffz_result_pointer(size_t index, const void *p, int failed, int no_object) {
  ffz_result_text(index, p ? "non-NULL" : "NULL", failed, no_object);
}
static void ffz_result_signed(size_t index, long long v, int failed, int no_object) {
  char text[32];
  snprintf(text, sizeof text, "%lld", v);
  ffz_result_text(index, text, failed, no_object);
}
static void ffz_result_unsigned(size_t index, unsigned long long v, int failed, int no_object) {
  char text[32];
  snprintf(text, sizeof text, "%llu", v);
  ffz_result_text(index, text, failed, no_object);
}

static void ffz_at_exit(void) {
  if (ffz_current) fprintf(stderr, "==ffifuzz== ERROR: exit: the process exited inside %s\n", ffz_current);
}

static void ffz_on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "==ffifuzz== ERROR: timeout: a call ran longer than FFZ_TIMEOUT_TEXT seconds\n";
  (void)!write(2, msg, sizeof msg - 1);
  /* Where the call was, as libFuzzer's timeout report shows it in the harness: the stack the
     signal interrupted (not async-signal-safe, as libFuzzer's is not: the process ends next). */
  __sanitizer_print_stack_trace();
  _exit(70);
}

/* The sanitizer settings the harness runs with. */
const char *__asan_default_options(void) {
  /* handle_abort: an abort (a Rust panic, a failed assert) prints its stack, as libFuzzer's
     deadly-signal handler does in the harness. */
  return "detect_leaks=1:halt_on_error=1:allocator_may_return_null=0:max_allocation_size_mb=2048:handle_abort=1";
}
const char *__ubsan_default_options(void) { return "print_stacktrace=1:halt_on_error=1"; }
)C";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

std::string compile_command(const EmitOptions& o, const std::string& source, const std::string& output) {
  namespace fs = std::filesystem;
  std::string cmd = "clang -fsanitize=address,undefined -g " + source;
  std::vector<std::string> dirs;
  for (const std::string& h : o.headers) {
    std::string d = fs::path(h).parent_path().string();
    if (std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(d);
  }
  for (const std::string& d : o.include_dirs)
    if (std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(d);
  for (const std::string& d : dirs) cmd += " -I" + d;
  // Functions the header declares may come from a library this one depends on (md4c-html.h
  // declares libmd4c's md_parse): the linker may resolve them through its DT_NEEDED entries.
  cmd += " -Wl,--copy-dt-needed-entries " + o.library + " -Wl,-rpath," + fs::path(o.library).parent_path().string() + " -o " + output;
  return cmd;
}

std::string emit_c(const program::ApiPlan& plan, const model::ApiModel& api, const program::Program& program,
                   const EmitOptions& o) {
  namespace fs = std::filesystem;
  Emitter e(plan, api, o.replay_log);
  std::string body = e.program_body(program);
  std::ostringstream out;
  out << "/* " << compile_command(o, "repro.c", "repro") << "\n";
  out << " * ffifuzz reproducer" << (o.title.empty() ? "" : ": " + o.title) << "\n";
  out << " * Run ./repro: it makes the finding's calls with the same values, the way ffifuzz makes them,\n"
         " * and dies with the same sanitizer report. No ffifuzz needed. */\n";
  out << "#define _GNU_SOURCE\n#include <signal.h>\n#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n"
         "#include <string.h>\n#include <dirent.h>\n#include <dlfcn.h>\n#include <sys/mman.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n"
         "#include <sanitizer/allocator_interface.h>\n#include <sanitizer/common_interface_defs.h>\n\n";
  for (const std::string& h : o.headers) out << "#include \"" << fs::path(h).filename().string() << "\"\n";
  out << "\n#define FFZ_HEAP_BUFFERS " << (o.heap_buffers ? 1 : 0) << "\n";
  out << "#define FFZ_PLACEMENTS " << std::max<size_t>(e.placements(), 1) << "\n";
  out << "#define FFZ_SLOT_BYTES " << program::kMaxBytes + 1 << "\n\n";
  out << "/* The harness's checks of what a call returned (exec/call_checks.h), verbatim. */\n" << kCallChecksSource
      << "\n";
  out << "/* The harness's guarded slots (exec/guarded_slots.h), verbatim. */\n" << kGuardedSlotsSource << "\n";
  out << replace_all(kRuntime, "FFZ_TIMEOUT_TEXT", std::to_string(o.timeout_seconds)) << "\n";
  // The program runs in a function of its own: LeakSanitizer checks at exit, and a stale copy
  // of a result (a local, a temporary the compiler made, a register spilled) would make a
  // leaked object look referenced. Its variables are forgotten, and once it returns the stack
  // it used is scrubbed from the depth its frame had (main's own frame holds none of them).
  out << "static __attribute__((noinline)) void ffz_program(void) {\n";
  for (const std::string& v : e.handle_variables()) out << "  void *" << v << " = NULL;\n";
  if (o.repeat > 1) out << "  for (long ffz_run = 1; ffz_run <= " << o.repeat << "; ++ffz_run) {\n";
  out << body;
  for (const std::string& v : e.handle_variables()) out << "  " << v << " = NULL;\n";
  out << "  ffz_free_blocks();\n";
  if (o.repeat > 1) out << "  ffz_check_growth(ffz_run);\n  }\n";
  out << "}\n\n";
  out << "int main(void) {\n";
  out << "  signal(SIGALRM, ffz_on_alarm);\n  alarm(" << o.timeout_seconds << ");\n  atexit(ffz_at_exit);\n  ffz_arena_init();\n";
  out << "  ffz_program();\n  ffz_scrub_stack();\n  return 0;\n}\n";
  return out.str();
}

}  // namespace ffifuzz::report
