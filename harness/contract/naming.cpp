#include "contract/naming.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

#include "contract/name_words.h"

namespace ffifuzz::contract {
namespace {

using model::Decided;
using model::Origin;
using model::TypeId;
using model::TypeKind;

Origin naming(std::string detail) { return Origin{model::ContractSource::Naming, std::move(detail)}; }


// A pointer type's pointee, ignoring const and typedef spellings: what makes two pointers
// "the same type" for pairing constructors with releasers.
std::string pointee_key(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return "";
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return "";
  const model::Type& p = api.type(t.pointee);
  std::string name = p.name;
  if (name.starts_with("const ")) name = name.substr(6);
  return name;
}

// The words of the type a pointer points to, under its own name and its typedef names
// (struct GifFileType, typedef GifFileType: gif file type).
void add_pointee_words(const model::ApiModel& api, TypeId id, std::vector<std::string>& out) {
  if (id == model::kNoType || api.type(id).kind != TypeKind::Pointer || api.type(id).pointee == model::kNoType) return;
  const model::Type& p = api.type(api.type(id).pointee);
  std::vector<std::string> names = p.typedef_chain;
  names.push_back(p.name);
  for (std::string n : names) {
    for (const char* qualifier : {"const ", "struct ", "union ", "enum "})
      if (n.starts_with(qualifier)) n = n.substr(std::string(qualifier).size());
    for (std::string& w : name_words(n)) out.push_back(std::move(w));
  }
}

// A function's role, its name read against the types it makes (its result) and takes (its
// first parameter): DGifCloseFile(GifFileType *) is a releaser though its verb is mid-name.
NameParts function_role(const model::ApiModel& api, const model::Function& f) {
  std::vector<std::string> objects;
  add_pointee_words(api, f.ret, objects);
  if (!f.params.empty()) add_pointee_words(api, f.params[0].type, objects);
  return name_parts(f.name, objects);
}

bool is_char_pointer(const model::ApiModel& api, TypeId id) {
  std::string k = pointee_key(api, id);
  return k == "char" || k == "unsigned char" || k == "signed char";
}

// const char *, plain char only: unsigned char (zlib's Bytef) is bytes, not text.
bool is_const_char_pointer(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& p = api.type(t.pointee);
  return p.is_const && p.kind == TypeKind::Int && p.size == 1 && pointee_key(api, id) == "char";
}

// FILE * (glibc's struct _IO_FILE), however the header spells it.
bool is_stdio_file_pointer(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& p = api.type(t.pointee);
  if (p.name == "struct _IO_FILE" || p.name == "FILE") return true;
  for (const std::string& alias : p.typedef_chain)
    if (alias == "FILE") return true;
  return false;
}

// size_t, or uintptr_t (cbindgen's spelling of Rust's usize).
bool is_size_type(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Int) return false;
  for (const std::string& n : t.typedef_chain)
    if (n == "size_t" || n == "uintptr_t") return true;
  return false;
}

bool is_opaque_pointer_type(const model::ApiModel& api, TypeId id, std::string& record) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& p = api.type(t.pointee);
  if ((p.kind != TypeKind::Struct && p.kind != TypeKind::Union) || p.complete) return false;
  record = p.name;
  if (record.starts_with("const ")) record = record.substr(6);
  return true;
}

bool is_integer(const model::ApiModel& api, TypeId id) {
  return id != model::kNoType && api.type(id).kind == TypeKind::Int;
}

// A pointer to a non-const integer: an in/out length ((Bytef *dest, uLongf *destLen)).
bool is_integer_pointer(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  return t.kind == TypeKind::Pointer && t.pointee != model::kNoType && is_integer(api, t.pointee) &&
         !api.type(t.pointee).is_const;
}

// The length of the buffer just before it: a size_t, or any integer (or, in/out, a pointer
// to one) named like a length. Not when the next parameter is a length too: (buf, size,
// nitems) counts size * nitems bytes.
bool is_length_of_previous(const model::ApiModel& api, const model::Function& f, size_t i) {
  const model::Param& p = f.params[i];
  const bool named = is_length_word_name(p.name);
  // json_loads(input, size_t flags): a size_t named like flags or a mode is not a length.
  const std::vector<std::string> words = name_words(p.name);
  // (libpng's png_sig_cmp(sig, size_t start, size_t num_to_check): where to start, not how much.)
  for (const char* w : {"flags", "flag", "mode", "options", "opts", "type", "kind", "seed", "index", "idx", "i", "pos",
                        "position", "offset", "id", "start", "begin", "first"})
    if (!words.empty() && words.back() == w) return false;
  // A header without parameter names (libzip's zip_fread(zip_file_t *, void *, zip_uint64_t)):
  // an unsigned integer as wide as size_t right after an unnamed pointer is all there is to
  // go by, and it is how such a buffer's length comes.
  // (Not after a char *: a string is what that is taken for, a file name in
  // zip_source_file_create(const char *, zip_uint64_t start, ...).)
  const bool unnamed_pair = p.name.empty() && i > 0 && f.params[i - 1].name.empty() && is_integer(api, p.type) &&
                            !api.type(p.type).is_signed && api.type(p.type).size == sizeof(size_t) &&
                            pointee_key(api, f.params[i - 1].type) != "char";
  if (!(is_size_type(api, p.type) || unnamed_pair || (named && (is_integer(api, p.type) || is_integer_pointer(api, p.type)))))
    return false;
  if (i + 1 < f.params.size()) {
    const model::Param& next = f.params[i + 1];
    if (is_integer(api, next.type) && is_length_word_name(next.name)) return false;
  }
  return true;
}

// zlib's inflateInit_(z_streamp strm, const char *version, int stream_size): an integer named
// `<word>_size` whose word is none of the buffer's but names another parameter's struct
// (struct z_stream_s, strm's) is that struct's size, the caller's sizeof for the library's
// check that the two agree, not the buffer's length. Returns that parameter's index, or
// SIZE_MAX.
bool is_struct_pointer(const model::ApiModel& api, TypeId id);
size_t struct_sized_by(const model::ApiModel& api, const model::Function& f, size_t len, size_t buffer) {
  const std::vector<std::string> words = name_words(f.params[len].name);
  if (words.size() < 2 || (words.back() != "size" && words.back() != "len" && words.back() != "length")) return SIZE_MAX;
  const std::vector<std::string> named = name_words(f.params[buffer].name);
  for (size_t w = 0; w + 1 < words.size(); ++w)
    if (std::find(named.begin(), named.end(), words[w]) != named.end()) return SIZE_MAX;
  for (size_t j = 0; j < f.params.size(); ++j) {
    if (j == len || j == buffer || !is_struct_pointer(api, f.params[j].type)) continue;
    const model::Type& record = api.type(api.type(f.params[j].type).pointee);
    if (!record.complete || record.size == 0) continue;
    std::string name = record.name;
    if (name.rfind("struct ", 0) == 0) name = name.substr(7);
    std::vector<std::string> type_words = name_words(name);
    for (const std::string& alias : record.typedef_chain)
      for (const std::string& w : name_words(alias)) type_words.push_back(w);
    for (size_t w = 0; w + 1 < words.size(); ++w)
      if (std::find(type_words.begin(), type_words.end(), words[w]) != type_words.end()) return j;
  }
  return SIZE_MAX;
}

// A pointer to an integer named like a length (buflen, lenp, buflenp, size_ptr): where a
// length is given back, not a buffer whose length the next parameter is.
bool is_length_pointer(const model::ApiModel& api, const model::Param& p) {
  if (!is_integer_pointer(api, p.type)) return false;
  if (is_length_word_name(p.name)) return true;
  for (const std::string suffix : {"_ptr", "ptr", "p"})
    if (p.name.size() > suffix.size() && p.name.ends_with(suffix) &&
        is_length_word_name(p.name.substr(0, p.name.size() - suffix.size())))
      return true;
  return false;
}

// T ** where T is an opaque struct: the callee stores a new object there (ares_init).
bool is_out_handle_pointer(const model::ApiModel& api, TypeId id, std::string& record) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& inner = api.type(t.pointee);
  if (inner.is_const) return false;
  return is_opaque_pointer_type(api, t.pointee, record);
}

bool is_opaque_pointer(const model::ApiModel& api, TypeId id, std::string& record) {
  return is_opaque_pointer_type(api, id, record);
}

// A non-const pointer to a complete struct: what an initializer prepares (z_stream *).
bool is_struct_pointer(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
  const model::Type& p = api.type(t.pointee);
  return (p.kind == TypeKind::Struct || p.kind == TypeKind::Union) && p.complete && !p.is_const;
}


// An item added to a container of its own type (json_object_array_add(obj, val),
// json_object_object_add(obj, key, val)): the container keeps it, and the harness must never
// make an object its own descendant — a cycle it would have made, not the library. The
// container is the first parameter, an object of the library's (opaque, or a struct a releaser
// takes: `released`).
void infer_adoption(const model::ApiModel& api, const model::Function& f, const std::set<std::string>& released,
                    model::FunctionContract& fc) {
  if (f.params.empty()) return;
  const std::vector<std::string> words = name_words(f.name);
  bool adds = false;
  // ("setn": jansson's json_object_setn_new(object, key, key_len, value), a set with a length.)
  for (const char* verb : {"add", "append", "insert", "attach", "put", "push", "prepend", "set", "setn", "replace"})
    adds |= std::find(words.begin(), words.end(), verb) != words.end();
  const model::Type& first = api.type(f.params[0].type);
  if (!adds || first.kind != TypeKind::Pointer || first.pointee == model::kNoType) return;
  const model::Type& c = api.type(first.pointee);
  const std::string container = pointee_key(api, f.params[0].type);
  if ((c.kind != TypeKind::Struct && c.kind != TypeKind::Union) || (c.complete && !released.contains(container)))
    return;
  for (size_t i = 1; i < f.params.size(); ++i)
    if (pointee_key(api, f.params[i].type) == container)
      fc.params[param_key(f, i)].adopted_by = Decided<std::string>{
          param_key(f, 0), naming(f.name + " is named like adding " + param_key(f, i) + " to " + param_key(f, 0) +
                                      ", an object of its type: never its own descendant")};
}

// A constructor given an object of the type it makes (libcbor's cbor_build_tag(value, item)):
// the new object may keep the one it was given, so adding the new one below it later would
// make an object its own descendant (a reference cycle nothing frees). Copies keep nothing of
// their source: appending a copy to its original stays allowed.
void infer_kept_by_result(const model::ApiModel& api, const model::Function& f, model::FunctionContract& fc) {
  const std::vector<std::string> words = name_words(f.name);
  auto has = [&](std::initializer_list<const char*> verbs) {
    for (const char* v : verbs)
      if (std::find(words.begin(), words.end(), v) != words.end()) return true;
    return false;
  };
  if (!has({"build", "new", "create", "make", "wrap"}) || has({"copy", "clone", "dup", "duplicate"})) return;
  const model::Type& ret = api.type(f.ret);
  if (ret.kind != TypeKind::Pointer || ret.pointee == model::kNoType) return;
  const model::Type& made = api.type(ret.pointee);
  if (made.kind != TypeKind::Struct && made.kind != TypeKind::Union) return;
  const std::string kind = pointee_key(api, f.ret);
  for (size_t i = 0; i < f.params.size(); ++i) {
    const model::Type& t = api.type(f.params[i].type);
    if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType || api.type(t.pointee).is_const) continue;
    if (pointee_key(api, f.params[i].type) != kind) continue;
    fc.params[param_key(f, i)].adopted_by = Decided<std::string>{
        "return", naming(f.name + " makes " + kind + " from " + param_key(f, i) +
                         ", an object of that type: the new one may keep it, never its descendant")};
  }
}

// The words of a parameter name before its last word, when that last word is one of `last`:
// "encoded_size" -> "encoded" (a length word), "decoded_buffer" -> "decoded" (a buffer word).
// "" when the name does not end so or is that word alone.
std::string stem_before(const std::string& name, std::initializer_list<std::string_view> last) {
  std::vector<std::string> words = name_words(name);
  if (words.size() < 2 || std::find(last.begin(), last.end(), words.back()) == last.end()) return "";
  words.pop_back();
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : "_") + w;
  return out;
}
constexpr std::initializer_list<std::string_view> kLengthLastWords = {"size", "len", "length", "count", "bytes"};
constexpr std::initializer_list<std::string_view> kBufferLastWords = {"buffer", "buf", "data", "ptr", "bytes"};

// Where buffer i's length is when names say so against adjacency: in (encoded_size,
// encoded_buffer, decoded_size, decoded_buffer) the size after encoded_buffer is named for
// decoded_buffer, and encoded_buffer's own is encoded_size, before it. Returns i + 1 when the
// names do not object, the length named alike when they do, SIZE_MAX when they object and
// name none.
size_t length_by_stem(const model::ApiModel& api, const model::Function& f, size_t i) {
  const std::string next = stem_before(f.params[i + 1].name, kLengthLastWords);
  const std::string own = stem_before(f.params[i].name, kBufferLastWords);
  if (next.empty() || next == own) return i + 1;
  bool names_another = false;
  for (size_t j = 0; j < f.params.size(); ++j)
    names_another |= j != i && stem_before(f.params[j].name, kBufferLastWords) == next;
  if (!names_another) return i + 1;
  if (own.empty()) return SIZE_MAX;
  for (size_t k = 0; k < f.params.size(); ++k)
    if (k != i && k != i + 1 && is_size_type(api, f.params[k].type) &&
        stem_before(f.params[k].name, kLengthLastWords) == own)
      return k;
  return SIZE_MAX;
}

bool is_function_pointer(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType) return false;
  const model::Type& t = api.type(id);
  return t.kind == TypeKind::Pointer && t.pointee != model::kNoType && api.type(t.pointee).kind == TypeKind::Function;
}

// Parameters the harness passes NULL for, by name, in a function that takes callbacks:
// - an allocator callback (alloc_func, free_func, zalloc, realloc_fn: a name or type word
//   alloc/malloc/realloc/free): the harness's callbacks do nothing, and a do-nothing allocator
//   makes every later allocation fail (brotli's BrotliDecoderCreateInstance returned NULL on
//   every call, and nothing of the decoder was ever called); NULL is the library's own;
// - the callbacks' context (opaque, user_data, ctx, ...), a void * the library only hands back
//   to them: it has no size to make up, and the harness's callbacks never read it.
// A pointer to a struct with a callback among its fields (md4c's md_parse(text, size, const
// MD_PARSER *parser, void *userdata): the parser's enter_block, text, ... callbacks get
// userdata back).
bool points_to_callbacks(const model::ApiModel& api, TypeId id) {
  if (id == model::kNoType || api.type(id).kind != TypeKind::Pointer || api.type(id).pointee == model::kNoType)
    return false;
  const model::Type& record = api.type(api.type(id).pointee);
  if (record.kind != TypeKind::Struct) return false;
  for (const model::Field& field : record.fields)
    if (is_function_pointer(api, field.type)) return true;
  return false;
}

void infer_callback_nulls(const model::ApiModel& api, const model::Function& f, model::FunctionContract& fc) {
  bool has_callback = false, has_callback_struct = false;
  for (const model::Param& p : f.params) {
    has_callback |= is_function_pointer(api, p.type);
    has_callback_struct |= points_to_callbacks(api, p.type);
  }
  if (!has_callback && !has_callback_struct) return;
  auto has_word = [](const std::string& name, std::initializer_list<std::string_view> words) {
    for (const std::string& w : name_words(name))
      if (std::find(words.begin(), words.end(), w) != words.end()) return true;
    return false;
  };
  for (size_t i = 0; i < f.params.size(); ++i) {
    const model::Param& p = f.params[i];
    const std::string key = param_key(f, i);
    if (fc.params.count(key) && (fc.params.at(key).len || fc.params.at(key).value)) continue;
    std::string why;
    const bool allocator_named = has_word(p.name, {"alloc", "malloc", "realloc", "calloc", "free", "zalloc", "zfree"}) ||
                                 has_word(api.type(p.type).name, {"alloc", "malloc", "realloc", "calloc", "free"});
    if (has_callback && is_function_pointer(api, p.type) && allocator_named)
      why = key + " is an allocator callback: NULL, the library's own allocator (a harness callback does nothing, "
                     "and every allocation through it would fail)";
    // A struct of allocator callbacks (yajl's yajl_alloc(callbacks, yajl_alloc_funcs *afs,
    // ctx)): the same, NULL.
    else if (points_to_callbacks(api, p.type) && allocator_named)
      why = key + " is a table of allocator callbacks: NULL, the library's own allocator (the harness's callbacks "
                     "do nothing, and every allocation through them would fail)";
    else if (p.type != model::kNoType && api.type(p.type).kind == TypeKind::Pointer &&
             api.type(p.type).pointee != model::kNoType && api.type(api.type(p.type).pointee).kind == TypeKind::Void &&
             (has_word(p.name, {"opaque", "userdata", "user", "ctx", "context", "cookie", "closure", "baton", "udata"}) ||
              // Unnamed, beside a callback and with no length (libzip's
              // zip_source_function(zip_t *, zip_source_callback, void *)): nothing else it can be.
              (p.name.empty() && has_callback)))
      why = key + " is the context the library hands back to the callbacks beside it: NULL, which the harness's "
                     "callbacks never read";
    if (why.empty()) continue;
    model::ParamContract& pc = fc.params[key];
    pc.value = Decided<std::string>{"0", naming(why)};  // NULL: an expression every header evaluates
    pc.fixed = model::FixedValue{};
  }
}

// `released`: the pointee types some releaser takes (pointee_key spelling).
void infer_params(const model::ApiModel& api, const model::Function& f, const std::set<std::string>& released,
                  model::FunctionContract& fc) {
  std::vector<bool> is_buffer(f.params.size(), false);
  for (size_t i = 0; i + 1 < f.params.size(); ++i) {
    const model::Type& t = api.type(f.params[i].type);
    if (t.kind != TypeKind::Pointer || !is_length_of_previous(api, f, i + 1)) continue;
    const model::Type* pointee = t.pointee == model::kNoType ? nullptr : &api.type(t.pointee);
    if (pointee && pointee->kind == TypeKind::Function) continue;  // a callback is not a buffer
    if (is_stdio_file_pointer(api, f.params[i].type)) continue;    // nor a stream
    // c-ares' ares_create_query(..., int *buflenp, int max_udp_size): a length given back.
    if (is_length_pointer(api, f.params[i])) continue;
    // Nor storage for a handle (libpng's png_info_init_3(png_infopp info_ptr, size_t
    // png_info_struct_size)): fuzz bytes there are pointers the library follows.
    if (std::string record; is_out_handle_pointer(api, f.params[i].type, record)) continue;
    // A handle is not a buffer: (struct msg *m, size_t n) takes n for something else.
    if (pointee && (pointee->kind == TypeKind::Struct || pointee->kind == TypeKind::Union) && !pointee->complete)
      continue;
    // So is a struct the library releases, however public its fields: json-c's
    // array_list_get_idx(array_list *al, size_t i) indexes one list, not an array of lists.
    if (pointee && (pointee->kind == TypeKind::Struct || pointee->kind == TypeKind::Union) &&
        released.contains(pointee_key(api, f.params[i].type)))
      continue;
    // Beyond size_t, a length-named integer counts only for scalar buffers: (struct config
    // *c, uint64_t size) sets an object's size.
    // (Unnamed, there is nothing to tell them apart by: libzip's
    // zip_source_buffer_fragment_create(const zip_buffer_fragment_t *, zip_uint64_t, ...) takes
    // an array and its count.)
    if (pointee && (pointee->kind == TypeKind::Struct || pointee->kind == TypeKind::Union) &&
        !is_size_type(api, f.params[i + 1].type) && !(f.params[i].name.empty() && f.params[i + 1].name.empty()))
      continue;
    const bool bytes = !pointee || pointee->kind == TypeKind::Void || pointee->size == 1;
    const size_t len_at = length_by_stem(api, f, i);
    if (len_at == SIZE_MAX) continue;
    if (const size_t sized = struct_sized_by(api, f, len_at, i); sized != SIZE_MAX) {
      const model::Type& record = api.type(api.type(f.params[sized].type).pointee);
      model::ParamContract& pc = fc.params[param_key(f, len_at)];
      pc.value = Decided<std::string>{std::to_string(record.size),
                                      naming(param_key(f, len_at) + " is named like the size of " + record.name + " (" +
                                             param_key(f, sized) + "'s), not of " + param_key(f, i) + ": its sizeof")};
      pc.fixed = model::FixedValue{.integer = static_cast<int64_t>(record.size)};
      continue;
    }
    const std::string p = param_key(f, i), n = param_key(f, len_at);
    const bool unnamed = f.params[i].name.empty() && f.params[len_at].name.empty();
    const Origin o = unnamed ? naming("unnamed (" + p + ", " + n + "): a pointer and the unsigned size-wide integer "
                                      "after it, buffer and its length")
                     : len_at == i + 1 ? naming("adjacent (" + p + ", " + n + "): buffer and its length")
                                     : naming("named alike (" + p + ", " + n + "): buffer and its length; the size after " +
                                              p + " is named for another buffer");
    fc.params[p].len = Decided<model::LenSpec>{{n, bytes ? model::LenUnit::Bytes : model::LenUnit::Elements}, o};
    fc.params[n].length_of = Decided<std::string>{p, o};
    is_buffer[i] = true;
  }
  infer_adoption(api, f, released, fc);
  infer_kept_by_result(api, f, fc);
  infer_callback_nulls(api, f, fc);
  // (int argc, char **argv): the count comes first, as main's does.
  for (size_t i = 0; i + 1 < f.params.size(); ++i) {
    if (f.params[i].name != "argc" || f.params[i + 1].name != "argv" || !is_integer(api, f.params[i].type)) continue;
    const model::Type& t = api.type(f.params[i + 1].type);
    if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType || api.type(t.pointee).kind != TypeKind::Pointer) continue;
    const Origin o = naming("(argc, argv): an array of argc strings, as main's");
    fc.params["argv"].len = Decided<model::LenSpec>{{"argc", model::LenUnit::Elements}, o};
    fc.params["argc"].length_of = Decided<std::string>{"argv", o};
    is_buffer[i + 1] = true;
  }
  for (size_t i = 0; i < f.params.size(); ++i) {
    const std::string p = param_key(f, i);
    if (!is_buffer[i] && is_const_char_pointer(api, f.params[i].type)) {
      fc.params[p].cstring = Decided<bool>{true, naming("const char * is a C string")};
      if (is_path_name(f.params[i].name))
        fc.params[p].path = Decided<bool>{true, naming("a C string named '" + f.params[i].name +
                                                       "' names a file: it gets a path in the scratch folder")};
    }
    if (is_stdio_file_pointer(api, f.params[i].type))
      fc.params[p].path = Decided<bool>{true, naming("FILE *: a real file in the scratch folder, holding the fuzzed bytes")};
    std::string record;
    if (is_opaque_pointer(api, f.params[i].type, record))
      fc.params[p].handle = Decided<std::string>{record, naming("pointer to opaque " + record + " is a handle")};
    // A releaser's own T ** is the object by reference (ad_item_unref(ad_item **item)), not an
    // out-parameter.
    if (is_out_handle_pointer(api, f.params[i].type, record) && !(i == 0 && is_releaser(api, f)) &&
        !names_a_release(f.name))
      fc.params[p].direction =
          Decided<model::Direction>{model::Direction::Out, naming("pointer to a pointer to opaque " + record + ": receives a new one")};
  }
}

}  // namespace

std::string param_key(const model::Function& f, size_t i) {
  return f.params[i].name.empty() ? "#" + std::to_string(i + 1) : f.params[i].name;
}

bool is_releaser_name(const std::string& name) { return name_parts(name).role == NameRole::Releaser; }

bool names_a_release(const std::string& name) {
  static const std::set<std::string> kVerbs = {"free", "release", "destroy", "unref", "decref", "dispose", "delete"};
  for (const std::string& w : name_words(name))
    if (kVerbs.count(w)) return true;
  return false;
}

bool is_releaser(const model::ApiModel& api, const model::Function& f) {
  const NameParts parts = function_role(api, f);
  if (parts.role != NameRole::Releaser || f.params.empty()) return false;
  const model::Type& first = api.type(f.params[0].type);
  if (first.kind != TypeKind::Pointer || first.pointee == model::kNoType) return false;
  // A releaser gives back nothing, a status, or the pointer it was given (poptFreeContext
  // returns NULL): json_object_iter_end(const json_object *) returns an iterator and
  // xmlBufEnd(xmlBuf *) the end of its content; neither releases anything.
  const model::Type& ret = api.type(f.ret);
  const bool gives_back_status = f.ret == model::kNoType || ret.kind == TypeKind::Void || ret.kind == TypeKind::Int ||
                                 ret.kind == TypeKind::Enum || ret.kind == TypeKind::Bool;
  if (!gives_back_status && !(ret.kind == TypeKind::Pointer && pointee_key(api, f.ret) == pointee_key(api, f.params[0].type)))
    return false;
  const model::Type& object = api.type(first.pointee);
  // A count is nothing to release: GifFreeExtensions(int *ExtensionBlock_Count, ExtensionBlock
  // **blocks) frees the blocks and zeroes the count.
  if (object.kind != TypeKind::Pointer && object.kind != TypeKind::Struct && object.kind != TypeKind::Union &&
      object.kind != TypeKind::Void && object.size > 1 && is_length_word_name(f.params[0].name))
    return false;
  // The words after the verb name one of the struct's fields, of another type: the function
  // frees that part, not the struct (GifFreeSavedImages(GifFileType *) frees
  // GifFile->SavedImages). xmlFreeDoc names xmlDoc's own `doc` field, a pointer to itself.
  std::vector<std::string> words = name_words(f.name);
  auto verb = std::find(words.begin(), words.end(), parts.verb);
  if (verb != words.end() && verb + 1 != words.end()) {
    const std::vector<std::string> rest(verb + 1, words.end());
    for (const model::Field& field : object.fields)
      if (name_words(field.name) == rest && pointee_key(api, field.type) != pointee_key(api, f.params[0].type))
        return false;
  }
  // An integer beside an opaque object addresses something inside it (libzip's
  // zip_delete(zip_t *, zip_uint64_t index) deletes an entry): the object lives on. Flags
  // and sizes of buffers are not that, and are named so.
  if ((object.kind == TypeKind::Struct || object.kind == TypeKind::Union) && !object.complete)
    for (size_t i = 1; i < f.params.size(); ++i) {
      if (!is_integer(api, f.params[i].type)) continue;
      const std::vector<std::string> pw = name_words(f.params[i].name);
      static const std::set<std::string> kAddress = {"index", "idx", "id", "i", "key", "entry", "num", "pos", "position"};
      if (pw.empty() || kAddress.count(pw.back())) return false;
    }
  return true;
}

bool is_constructor_name(const std::string& name) { return name_parts(name).role == NameRole::Constructor; }

namespace {

struct Releaser {
  const model::Function* fn;
  std::string key;
  std::string stem;  // its name without the verb ("d_gif_file" for DGifCloseFile)
};

// The releaser of objects of type `key` for the function `f`: the one with the same stem
// (builder_new -> builder_free), else the one whose stem starts f's stem (gzdopen -> gzclose,
// DGifOpenFileName -> DGifCloseFile), else the only one. Several and none matches: no guess.
const Releaser* releaser_for(const model::ApiModel& api, const std::vector<Releaser>& releasers,
                             const std::string& key, const model::Function& f) {
  const std::string want = function_role(api, f).stem;
  const Releaser* only = nullptr;
  const Releaser* prefix = nullptr;
  const Releaser* same = nullptr;
  int candidates = 0;
  // Of two with the same stem, the one that cannot fail: libzip's zip_close(zip_t *) returns -1
  // when it cannot write the archive and keeps it, which then leaks unless zip_discard ends it;
  // the harness's final release must end the object whatever the program did to it.
  auto cannot_fail = [&](const Releaser& r) {
    return r.fn->ret == model::kNoType || api.type(r.fn->ret).kind == TypeKind::Void;
  };
  for (const Releaser& r : releasers) {
    if (r.key != key || r.fn == &f) continue;
    ++candidates;
    only = &r;
    const std::string& have = r.stem;
    if (have == want && (!same || (!cannot_fail(*same) && cannot_fail(r)))) same = &r;
    // A void * says nothing of what it points at: a word the releaser lacks may name another
    // kind of context (libxml2's xmlIOHTTPOpenW makes a write context, which xmlIOHTTPClose,
    // for xmlIOHTTPOpen's, frees as the wrong struct). Only the same stem pairs.
    if (key == "void") continue;
    if (!have.empty() && want.starts_with(have) &&
        (!prefix || prefix->stem.size() < have.size() ||
         (prefix->stem.size() == have.size() && !cannot_fail(*prefix) && cannot_fail(r))))
      prefix = &r;
  }
  if (same) return same;
  if (prefix) return prefix;
  return candidates == 1 ? only : nullptr;
}

// A `close` that undoes an `open` of an object it does not make (libzip's zip_source_open(src)
// and zip_source_close(src): a source is opened for reading and closed again, and
// zip_source_free releases it), where another releaser of the type is there to end it.
bool undoes_an_open(const model::ApiModel& api, const std::vector<Releaser>& releasers, const Releaser& r) {
  if (name_parts(r.fn->name).verb != "close") return false;
  bool another = false;
  for (const Releaser& o : releasers) another |= o.key == r.key && o.fn != r.fn;
  if (!another) return false;
  for (const model::Function& g : api.functions) {
    const NameParts parts = name_parts(g.name);
    if (parts.verb != "open" || parts.stem != name_parts(r.fn->name).stem || g.params.empty()) continue;
    if (pointee_key(api, g.params[0].type) == r.key && pointee_key(api, g.ret) != r.key) return true;
  }
  return false;
}

// The library's one-time global setup and teardown: ares_library_init, curl_global_init.
bool is_global(const std::string& name) {
  for (const std::string& w : name_words(name))
    if (w == "library" || w == "global") return true;
  return false;
}

// The name's words joined with '_', comparable with stems: "hex" for hex (hex_free's stem).
std::string joined_words(const std::string& name) {
  std::string out;
  for (const std::string& w : name_words(name)) out += (out.empty() ? "" : "_") + w;
  return out;
}

// A setter of process-wide state: the allocator, a handler or hook, an implementation
// (sodium_set_misuse_handler, cbor_set_allocs, json_set_alloc_funcs, lzma's *_init_mem style).
// Called with the harness's do-nothing callbacks it breaks every later call of the process,
// in every later input: "no findings" while nothing is tested. A setter on an object (its
// first parameter a handle: XML_SetElementHandler(parser, ...)) changes that object only.
// Returns the reason, or "".
std::string process_wide_setter(const model::ApiModel& api, const model::Function& f) {
  static const std::set<std::string> kVerbs = {"set", "install", "replace", "register", "use", "init"};
  static const std::set<std::string> kState = {"allocator", "allocators", "alloc", "allocs", "malloc", "memory",
                                               "mem", "handler", "handlers", "hook", "hooks", "implementation",
                                               "funcs", "functions", "logger", "log"};
  const std::vector<std::string> words = name_words(f.name);
  bool verb = false, state = false;
  for (const std::string& w : words) {
    verb |= kVerbs.count(w) > 0;
    state |= verb && kState.count(w) > 0;  // after the verb: set_alloc_funcs, init_mem
  }
  if (!verb || !state) return "";
  // Functions given directly, or a struct of them (randombytes_set_implementation).
  auto gives_functions = [&](TypeId id) {
    const model::Type& t = api.type(id);
    if (t.kind != TypeKind::Pointer || t.pointee == model::kNoType) return false;
    const model::Type& pointee = api.type(t.pointee);
    if (pointee.kind == TypeKind::Function) return true;
    if (pointee.kind != TypeKind::Struct) return false;
    for (const model::Field& field : pointee.fields) {
      const model::Type& ft = api.type(field.type);
      if (ft.kind == TypeKind::Pointer && ft.pointee != model::kNoType && api.type(ft.pointee).kind == TypeKind::Function)
        return true;
    }
    return false;
  };
  std::string record;
  if (!f.params.empty() && !gives_functions(f.params[0].type) &&
      (is_opaque_pointer(api, f.params[0].type, record) || is_struct_pointer(api, f.params[0].type)))
    return "";
  bool callback = false;
  for (const model::Param& p : f.params) callback |= gives_functions(p.type);
  if (!callback) return "";
  return "replaces process-wide state (named like a setter of the allocator, a handler or an implementation, "
         "and given functions): the harness's callbacks would break every later call; skipped";
}

// json_dumps, cJSON_Print, node_to_string: a function named for writing text, returning a
// char * it made for its caller (a const char * stays the library's). Not when it takes a
// char * of the caller's, which it may have written into and returned.
bool is_printer(const model::ApiModel& api, const model::Function& f, std::string& why) {
  if (!is_char_pointer(api, f.ret) || api.type(api.type(f.ret).pointee).is_const) return false;
  for (const model::Param& p : f.params)
    if (is_char_pointer(api, p.type) && !api.type(api.type(p.type).pointee).is_const) return false;
  static const std::set<std::string> kVerbs = {"print", "dump", "dumps", "format", "serialize", "stringify", "tostring"};
  const std::vector<std::string> words = name_words(f.name);
  for (size_t i = 0; i < words.size(); ++i) {
    const bool to_string = words[i] == "to" && i + 1 < words.size() && (words[i + 1] == "string" || words[i + 1] == "str");
    if (kVerbs.count(words[i]) || to_string) {
      why = f.name + " is named like a printer ('" + (to_string ? "to " + words[i + 1] : words[i]) +
            "') returning a new char *";
      return true;
    }
  }
  return false;
}

bool has_pointer_param(const model::ApiModel& api, const model::Function& f) {
  for (const model::Param& p : f.params)
    if (api.type(p.type).kind == TypeKind::Pointer) return true;
  return false;
}

// One struct type, several families of objects: zlib's z_stream is a deflate stream after
// deflateInit_ (released by deflateEnd) and an inflate stream after inflateInit_ (released by
// inflateEnd). When a type's initializers have different releasers, each family is its own
// kind of handle, and a function taking the type takes the family its name starts with
// (deflateParams: a deflate stream). Passing one family's object to the other's releaser
// would look released to the harness and leak.
void split_families(const model::ApiModel& api, model::Contracts& out) {
  std::map<std::string, std::map<std::string, std::string>> families;  // type -> stem -> releaser
  for (const auto& [fn, fc] : out.functions)
    for (const auto& [pname, pc] : fc.params)
      if (pc.initializes && pc.out_owned_by) {
        const model::Function* f = api.find_function(fn);
        if (!f) continue;
        for (const model::Param& p : f->params)
          if (p.name == pname) families[pointee_key(api, p.type)][function_role(api, *f).stem] = pc.out_owned_by->value;
      }
  for (const auto& [type, stems] : families) {
    std::set<std::string> releasers;
    for (const auto& [st, r] : stems) releasers.insert(r);
    if (releasers.size() < 2) continue;
    for (const model::Function& f : api.functions) {
      const std::string words = joined_words(f.name);
      std::string best;
      for (const auto& [st, r] : stems)
        if (words.starts_with(st) && st.size() > best.size()) best = st;
      if (best.empty()) continue;
      for (size_t i = 0; i < f.params.size(); ++i) {
        if (pointee_key(api, f.params[i].type) != type) continue;
        model::ParamContract& pc = out.functions[f.name].params[param_key(f, i)];
        pc.handle = Decided<std::string>{type + " (" + best + ")",
                                         naming(type + " has several families; " + f.name + " is named for the " + best + " one")};
      }
    }
  }
}

// One type, two APIs by their first word: giflib's GifFileType is a decoder from
// DGifOpenFileName (released by DGifCloseFile) and an encoder from EGifOpenFileName (by
// EGifCloseFile); DGifGetLine wants a decoder, EGifCloseFile an encoder (given a decoder it
// frees the struct and leaks the rest). When a type's constructors have different releasers and
// each family's names begin with a word of their own ("d", "e"), a function whose name begins
// with that word takes only that family's objects (made_by); the type's other functions
// (GifMakeSavedImage) take any. Families that share their first word (zstd's ZSTD_createCCtx
// and ZSTD_createCStream make one object under two names) are left as one.
void constructor_families(const model::ApiModel& api, model::Contracts& out) {
  // type -> first word -> (releaser, constructors)
  std::map<std::string, std::map<std::string, std::pair<std::string, std::vector<std::string>>>> families;
  std::set<std::string> mixed;  // types where one first word has two releasers, or a releaser two first words
  for (const auto& [fn, fc] : out.functions) {
    const model::Function* f = api.find_function(fn);
    if (!f || !fc.ret.owned_by || function_role(api, *f).role != NameRole::Constructor) continue;
    const model::Function* r = api.find_function(fc.ret.owned_by->value);
    const std::string type = pointee_key(api, f->ret);
    if (!r || type.empty()) continue;
    const std::string first = name_words(fn).front();
    if (name_words(r->name).front() != first) mixed.insert(type);
    auto& [releaser, makers] = families[type][first];
    if (!releaser.empty() && releaser != r->name) mixed.insert(type);
    releaser = r->name;
    makers.push_back(fn);
  }
  for (const auto& [type, by_word] : families) {
    if (by_word.size() < 2 || mixed.contains(type)) continue;
    for (const model::Function& f : api.functions) {
      auto family = by_word.find(name_words(f.name).front());
      if (family == by_word.end()) continue;
      const auto& [releaser, makers] = family->second;
      for (size_t i = 0; i < f.params.size(); ++i) {
        if (pointee_key(api, f.params[i].type) != type) continue;
        std::string names;
        for (const std::string& m : makers) names += (names.empty() ? "" : ", ") + m;
        out.functions[f.name].params[param_key(f, i)].made_by = Decided<std::vector<std::string>>{
            makers, naming(type + " is made by two APIs, each with its releaser; " + f.name + " is named for the one of " +
                               names)};
      }
    }
  }
}

}  // namespace

model::Contracts infer_from_names(const model::ApiModel& api) {
  model::Contracts out;

  // Releasers, by the pointee of the pointer they take first.
  std::vector<Releaser> releasers;
  for (const model::Function& f : api.functions) {
    if (!is_releaser(api, f)) continue;
    std::string key = pointee_key(api, f.params[0].type);
    if (key.empty()) continue;
    releasers.push_back({&f, key, function_role(api, f).stem});
  }
  std::erase_if(releasers, [&](const Releaser& r) { return undoes_an_open(api, releasers, r); });
  for (const Releaser& r : releasers)
    out.functions[r.fn->name].params[param_key(*r.fn, 0)].releases =
        Decided<bool>{true, naming(r.fn->name + " is named like a releaser")};

  std::set<std::string> released;
  for (const Releaser& r : releasers) released.insert(r.key);

  for (const model::Function& f : api.functions) {
    model::FunctionContract& fc = out.functions[f.name];
    infer_params(api, f, released, fc);
    const NameParts parts = function_role(api, f);

    // exif_data_ref(ExifData *): named like a retainer, of a type something releases, and
    // taking nothing else: each call owes one more release (a leak otherwise, the harness's).
    if (parts.role == NameRole::Retainer && f.params.size() == 1) {
      const std::string key = pointee_key(api, f.params[0].type);
      const model::Type& rt = api.type(f.ret);
      const bool returns_nothing_else = rt.kind == model::TypeKind::Void || pointee_key(api, f.ret) == key;
      // Only where a releaser drops one reference (exif_data_unref): a retained object released
      // twice by a plain destroy would be freed twice.
      for (const Releaser& r : releasers)
        if (!key.empty() && r.key == key && returns_nothing_else &&
            (name_parts(r.fn->name).verb == "unref" || name_parts(r.fn->name).verb == "release" ||
             name_parts(r.fn->name).verb == "decref")) {
          fc.params[param_key(f, 0)].retains =
              Decided<bool>{true, naming(f.name + " is named like a retainer of " + key + ", which " + r.fn->name +
                                         " releases: each call owes one more release")};
          break;
        }
    }

    // ares_library_init: once, before anything else; its cleanup would undo it mid-run.
    if (is_global(f.name) && !has_pointer_param(api, f)) {
      if (parts.role == NameRole::Initializer)
        fc.init_once = Decided<bool>{true, naming(f.name + " is named like the library's one-time init")};
      else if (parts.verb.empty() && name_words(f.name).back() == "cleanup")
        fc.skip = Decided<std::string>{"undoes the library's one-time init (named like a global cleanup)",
                                       naming(f.name + " is named like the library's global cleanup")};
    }

    // gcry_check_version(const char *req_version): the call libgcrypt (and libgpg-error,
    // libksba, GnuTLS) asks for before any other, which initializes the library; NULL checks
    // no version. Made once per process before every program, as the library asks: without it
    // the first inputs that happened to call it changed what later ones did, and a finding
    // made under it did not replay alone (libgcrypt's gcry_ecc_mul_point).
    if (!fc.skip && f.params.size() == 1 && is_const_char_pointer(api, f.params[0].type)) {
      const std::vector<std::string> words = name_words(f.name);
      if (words.size() >= 2 && words[words.size() - 2] == "check" && words.back() == "version") {
        fc.init_once = Decided<bool>{true, naming(f.name + " is named like the check that initializes the library")};
        model::ParamContract& pc = fc.params[param_key(f, 0)];
        pc.value = Decided<std::string>{"0", naming(f.name + " given NULL checks no version")};
        pc.fixed = model::FixedValue{};
      }
    }

    // _cbor_map_add_key, _sodium_alloc_init: a name C reserves for the implementation, exported
    // for the library's own use ("Internal API."). Its callers keep invariants no header states
    // (libcbor's key must be followed by its value before the map is released).
    if (!fc.skip && f.name.size() > 1 && f.name[0] == '_')
      fc.skip = Decided<std::string>{"the library's internal API (a name with a leading underscore); skipped",
                                     naming(f.name + " is named like an internal function")};

    if (!fc.skip)
      if (std::string why = process_wide_setter(api, f); !why.empty())
        fc.skip = Decided<std::string>{why, naming(f.name + " is named like a process-wide setter")};

    // gzdopen(int fd, ...), DGifOpenFileHandle(int GifFileHandle, ...): a made-up descriptor is
    // the harness's own stdout or pipe, or no file at all (giflib's fdopen fails and it reads
    // through NULL). Skipped by default, as a contract would; the same API by path is fuzzed.
    // Unnamed, the function's name says it (libmagic's magic_descriptor(magic_t, int)).
    // Named otherwise, the one `int` of a function named for a descriptor (jansson's
    // json_loadfd(int input, size_t flags, ...): a made-up 1 read the harness's stdout until
    // the run's timeout).
    size_t ints = 0, the_int = 0;
    for (size_t i = 0; i < f.params.size(); ++i)
      if (is_integer(api, f.params[i].type) && api.type(f.params[i].type).size == 4 && api.type(f.params[i].type).is_signed)
        ++ints, the_int = i;
    const bool named_fd = ints == 1 && is_file_descriptor_name(f.name);
    for (size_t i = 0; i < f.params.size() && !fc.skip; ++i)
      if (is_integer(api, f.params[i].type) && api.type(f.params[i].type).size >= 4 &&
          (is_file_descriptor_name(f.params[i].name.empty() ? f.name : f.params[i].name) || (named_fd && i == the_int)))
        fc.skip = Decided<std::string>{
            "takes a file descriptor (" + param_key(f, i) +
                "): a made-up one is the harness's own stdout or pipe, or none; fuzz the function that takes a path",
            naming(param_key(f, i) + " is named like a file descriptor")};

    // json-c's json_c_set_serialization_double_format(const char *double_format, ...): a printf
    // format the library keeps and prints doubles with later. A made-up one ("%n", "%s") makes
    // its printf write and read through arguments nobody passed, in this input or, kept
    // process-wide, in every later one (a null-deref no input showed alone, filed as json-c's).
    // Variadic printers are never called; the format of one that is not is the caller's to get right.
    for (size_t i = 0; i < f.params.size() && !fc.skip; ++i) {
      if (!is_const_char_pointer(api, f.params[i].type)) continue;
      const std::vector<std::string> words = name_words(f.params[i].name);
      if (std::find_if(words.begin(), words.end(), [](const std::string& w) { return w == "format" || w == "fmt"; }) ==
          words.end())
        continue;
      fc.skip = Decided<std::string>{"takes a printf format (" + param_key(f, i) +
                                         "): a made-up one prints through arguments nobody passed (%n, %s); skipped",
                                     naming(param_key(f, i) + " is named like a printf format")};
    }

    // libcbor's cbor_move(item): drops a reference and frees nothing, for an argument of a call
    // that takes one (cbor_array_push(array, cbor_move(cbor_build_uint8(1)))). The harness nests
    // no calls: made alone, it leaves an object no release can end.
    if (!fc.skip && name_words(f.name).back() == "move" && f.params.size() == 1 &&
        !pointee_key(api, f.params[0].type).empty() && pointee_key(api, f.ret) == pointee_key(api, f.params[0].type))
      fc.skip = Decided<std::string>{"hands a reference over to the call it is an argument of (a move); the harness "
                                     "nests no calls",
                                     naming(f.name + " is named like a move of its argument")};

    // Initializers prepare a caller-allocated struct (deflateInit_, yaml_parser_initialize):
    // it is an object of the library's from then on, released by its type's releaser.
    if (parts.role == NameRole::Initializer && !f.params.empty() && is_struct_pointer(api, f.params[0].type)) {
      model::ParamContract& pc = fc.params[param_key(f, 0)];
      pc.initializes = Decided<bool>{true, naming(f.name + " is named like an initializer of its first parameter")};
      if (const Releaser* r = releaser_for(api, releasers, pointee_key(api, f.params[0].type), f))
        pc.out_owned_by = Decided<std::string>{r->fn->name, naming(r->fn->name + " releases what " + f.name + " initializes")};
    }
    // T **out of an opaque T: the new object is released by T's releaser.
    for (size_t i = 0; i < f.params.size(); ++i) {
      std::string record;
      if (!is_out_handle_pointer(api, f.params[i].type, record)) continue;
      if (i == 0 && parts.role == NameRole::Releaser) continue;  // by reference, as above
      if (!fc.skip && names_a_release(f.name)) {
        // libgcrypt's gcry_prime_release_factors(gcry_mpi_t *factors): frees each of a
        // NULL-ended array the library made, then the array. Given storage for one new
        // object (its T ** read as an out-parameter), it freed the harness's own memory.
        fc.skip = Decided<std::string>{"releases what its " + param_key(f, i) +
                                           " points at, an array of " + record + " only the library makes; skipped",
                                       naming(f.name + " is named like a release, and " + param_key(f, i) +
                                              " points at pointers to " + record)};
        continue;
      }
      const model::Type& outer = api.type(f.params[i].type);
      if (const Releaser* r = releaser_for(api, releasers, pointee_key(api, outer.pointee), f))
        fc.params[param_key(f, i)].out_owned_by =
            Decided<std::string>{r->fn->name, naming(r->fn->name + " releases the " + record + " stored here")};
    }

    std::string returned;
    if (is_opaque_pointer(api, f.ret, returned))
      fc.ret.handle = Decided<std::string>{returned, naming("returns a pointer to opaque " + returned + ": a handle")};

    const bool get_string = f.name.starts_with("get_") && is_char_pointer(api, f.ret);
    std::string key = pointee_key(api, f.ret);
    if (key.empty()) continue;
    // A releaser named after the function itself (hex -> hex_free, free_hex) releases what
    // that function returns, whatever the function's own name says.
    const Releaser* named_after = nullptr;
    for (const Releaser& r : releasers)
      if (r.key == key && r.fn != &f && r.stem == joined_words(f.name))
        named_after = &r;
    if (named_after) {
      fc.ret.owned_by = Decided<std::string>{
          named_after->fn->name, naming(named_after->fn->name + " is named after " + f.name + " and takes its result")};
      continue;
    }
    if (std::string why; is_printer(api, f, why)) {
      // The library's own free for its allocations (cJSON_free), else the C library's.
      const Releaser* own = nullptr;
      const std::string prefix = name_words(f.name).front();
      for (const Releaser& r : releasers)
        if ((r.key == "void" || r.key == "char") && name_parts(r.fn->name).verb == "free" &&
            name_parts(r.fn->name).stem == prefix)
          own = &r;
      const std::string owner = own ? own->fn->name : "free";
      fc.ret.owned_by = Decided<std::string>{owner, naming(why + ": the caller releases it with " + owner)};
      continue;
    }
    if (parts.role != NameRole::Constructor && !get_string) continue;
    const Releaser* match = releaser_for(api, releasers, key, f);
    if (!match) continue;
    std::string why = get_string ? "get_* returning char * pairs with " + match->fn->name + " taking it"
                                 : f.name + " is named like a constructor; " + match->fn->name + " releases its type";
    fc.ret.owned_by = Decided<std::string>{match->fn->name, naming(why)};
  }

  split_families(api, out);
  constructor_families(api, out);

  // Drop functions about which nothing was inferred, so `inspect` shows only decisions.
  for (auto it = out.functions.begin(); it != out.functions.end();) {
    const model::FunctionContract& fc = it->second;
    if (fc.params.empty() && !fc.ret.owned_by && !fc.ret.handle && !fc.init_once && !fc.skip) it = out.functions.erase(it);
    else ++it;
  }
  return out;
}

}  // namespace ffifuzz::contract
