#include "header/type_translator.h"

#include <algorithm>

#include "header/clang_util.h"

namespace ffifuzz::header {
namespace {

using model::kNoType;
using model::Type;
using model::TypeId;
using model::TypeKind;

bool is_va_list_name(const std::string& name) {
  return name == "va_list" || name == "__builtin_va_list" || name == "__gnuc_va_list" ||
         name == "__va_list";
}

// The name of the typedef a Typedef type refers to.
std::string typedef_name(CXType t) { return take(clang_getTypedefName(t)); }

// Peels sugar that carries no ABI meaning, collecting typedef names on the way.
CXType peel(CXType t, std::vector<std::string>& chain) {
  for (int guard = 0; guard < 64; ++guard) {
    switch (t.kind) {
      case CXType_Elaborated:
        t = clang_Type_getNamedType(t);
        break;
      case CXType_Attributed:
        t = clang_Type_getModifiedType(t);
        break;
      case CXType_Typedef: {
        chain.push_back(typedef_name(t));
        t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
        break;
      }
      case CXType_Unexposed:
        // Decayed parameters, typeof, parentheses...: the canonical type is what counts.
        return clang_getCanonicalType(t);
      default:
        return t;
    }
  }
  return clang_getCanonicalType(t);
}

bool int_kind(CXTypeKind k, bool& is_signed) {
  switch (k) {
    case CXType_Char_S: case CXType_SChar: case CXType_Short: case CXType_Int:
    case CXType_Long: case CXType_LongLong: case CXType_WChar:
      is_signed = true;
      return true;
    case CXType_Char_U: case CXType_UChar: case CXType_UShort: case CXType_UInt:
    case CXType_ULong: case CXType_ULongLong: case CXType_Char16: case CXType_Char32:
      is_signed = false;
      return true;
    default:
      return false;
  }
}

uint64_t layout_value(long long v) { return v < 0 ? 0 : static_cast<uint64_t>(v); }

}  // namespace

TypeId TypeTranslator::intern(const std::string& key, Type type) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  TypeId id = static_cast<TypeId>(model_.types.size());
  model_.types.push_back(std::move(type));
  by_key_.emplace(key, id);
  return id;
}

TypeId TypeTranslator::translate(CXType original) {
  std::vector<std::string> chain;
  CXType t = peel(original, chain);
  CXType canonical = clang_getCanonicalType(original);
  const bool is_const = clang_isConstQualifiedType(canonical);

  std::string chain_key;
  for (const std::string& n : chain) chain_key += n + ">";
  const std::string const_key = is_const ? "const " : "";

  Type out;
  out.typedef_chain = chain;
  out.is_const = is_const;
  out.name = take(clang_getTypeSpelling(canonical));
  long long size = clang_Type_getSizeOf(canonical);
  long long align = clang_Type_getAlignOf(canonical);
  out.size = layout_value(size);
  out.align = layout_value(align);

  // va_list is a typedef of a builtin array type; recognise it by name before anything else.
  for (const std::string& n : chain) {
    if (is_va_list_name(n)) {
      out.kind = TypeKind::Unsupported;
      out.unsupported_reason = "va_list";
      return intern("U:va_list:" + const_key, std::move(out));
    }
  }
  if (out.name.find("__va_list_tag") != std::string::npos) {
    out.kind = TypeKind::Unsupported;
    out.unsupported_reason = "va_list";
    return intern("U:va_list:" + const_key, std::move(out));
  }

  bool is_signed = false;
  switch (t.kind) {
    case CXType_Void:
      out.kind = TypeKind::Void;
      out.size = out.align = 0;
      return intern(const_key + chain_key + "void", std::move(out));
    case CXType_Bool:
      out.kind = TypeKind::Bool;
      return intern(const_key + chain_key + "bool", std::move(out));
    case CXType_Float:
    case CXType_Double:
      out.kind = TypeKind::Float;
      return intern(const_key + chain_key + out.name, std::move(out));
    case CXType_LongDouble:
      out.kind = TypeKind::LongDouble;
      out.unsupported_reason = "long double";
      return intern(const_key + chain_key + "long double", std::move(out));
    case CXType_Pointer: {
      TypeId pointee = translate(clang_getPointeeType(t));
      out.kind = TypeKind::Pointer;
      out.pointee = pointee;
      return intern(const_key + chain_key + "P(" + std::to_string(pointee) + ")", std::move(out));
    }
    case CXType_ConstantArray:
    case CXType_IncompleteArray: {
      TypeId element = translate(clang_getArrayElementType(t));
      out.kind = TypeKind::Array;
      out.element = element;
      long long n = clang_getArraySize(t);
      out.count = n < 0 ? 0 : static_cast<uint64_t>(n);
      if (t.kind == CXType_IncompleteArray) out.size = 0;  // a flexible array member
      if (out.align == 0) out.align = model_.types[element].align;
      return intern(const_key + chain_key + "A(" + std::to_string(element) + "," +
                        std::to_string(out.count) + ")",
                    std::move(out));
    }
    case CXType_FunctionProto:
    case CXType_FunctionNoProto: {
      out.kind = TypeKind::Function;
      out.size = out.align = 0;
      out.ret = translate(clang_getResultType(t));
      std::string key = chain_key + "F(" + std::to_string(out.ret);
      int n = clang_getNumArgTypes(t);
      for (int i = 0; i < n; ++i) {
        TypeId p = translate(clang_getArgType(t, static_cast<unsigned>(i)));
        out.params.push_back(p);
        key += "," + std::to_string(p);
      }
      out.variadic = clang_isFunctionTypeVariadic(t);
      key += out.variadic ? ",...)" : ")";
      return intern(key, std::move(out));
    }
    case CXType_Record: {
      TypeId id = translate_record(clang_getCanonicalType(t), clang_getTypeDeclaration(t), is_const);
      for (const std::string& n : chain) {
        auto& aliases = model_.types[id].typedef_chain;
        if (std::find(aliases.begin(), aliases.end(), n) == aliases.end()) aliases.push_back(n);
      }
      return id;
    }
    case CXType_Enum: {
      TypeId id = translate_enum(clang_getCanonicalType(t), clang_getTypeDeclaration(t), is_const);
      for (const std::string& n : chain) {
        auto& aliases = model_.types[id].typedef_chain;
        if (std::find(aliases.begin(), aliases.end(), n) == aliases.end()) aliases.push_back(n);
      }
      return id;
    }
    default:
      break;
  }
  if (int_kind(t.kind, is_signed)) {
    out.kind = TypeKind::Int;
    out.is_signed = is_signed;
    return intern(const_key + chain_key + out.name, std::move(out));
  }
  out.kind = TypeKind::Unsupported;
  switch (t.kind) {
    case CXType_Int128: case CXType_UInt128: out.unsupported_reason = "__int128"; break;
    case CXType_Complex: out.unsupported_reason = "_Complex"; break;
    case CXType_Vector: case CXType_ExtVector: out.unsupported_reason = "vector type"; break;
    case CXType_Half: case CXType_Float16: case CXType_Float128: case CXType_BFloat16:
      out.unsupported_reason = "floating type " + out.name;
      break;
    case CXType_BlockPointer: out.unsupported_reason = "block pointer"; break;
    case CXType_LValueReference: case CXType_RValueReference:
      out.unsupported_reason = "C++ reference";
      break;
    default: out.unsupported_reason = "type " + out.name; break;
  }
  return intern(const_key + chain_key + "U:" + out.name, std::move(out));
}

std::string TypeTranslator::record_name(CXType canonical, CXCursor decl) const {
  CXCursorKind k = clang_getCursorKind(decl);
  std::string keyword = k == CXCursor_UnionDecl ? "union" : k == CXCursor_EnumDecl ? "enum" : "struct";
  std::string spelling = take(clang_getCursorSpelling(decl));
  if (clang_Cursor_isAnonymous(decl) || spelling.empty() ||
      spelling.find("(anonymous") != std::string::npos || spelling.find("(unnamed") != std::string::npos) {
    model::SourceLoc loc = location_of(decl);
    std::string base = loc.file.substr(loc.file.find_last_of('/') + 1);
    return keyword + " (anonymous at " + base + ":" + std::to_string(loc.line) + ")";
  }
  return keyword + " " + spelling;
}

TypeId TypeTranslator::translate_record(CXType canonical, CXCursor decl, bool is_const) {
  const std::string usr = take(clang_getCursorUSR(clang_getCanonicalCursor(decl)));
  const std::string base_key = "R:" + usr;
  if (is_const) {
    const std::string key = "const " + base_key;
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    TypeId base = translate_record(canonical, decl, false);
    Type copy = model_.types[base];
    copy.is_const = true;
    copy.name = "const " + copy.name;
    TypeId id = intern(key, std::move(copy));
    const_copies_.emplace_back(id, base);
    return id;
  }
  if (auto it = by_key_.find(base_key); it != by_key_.end()) return it->second;

  Type shell;
  shell.kind = clang_getCursorKind(decl) == CXCursor_UnionDecl ? TypeKind::Union : TypeKind::Struct;
  shell.name = record_name(canonical, decl);
  // Reserve the id before the fields: a field may point back at this record.
  TypeId id = intern(base_key, std::move(shell));
  fill_record(id, canonical, decl);
  return id;
}

void TypeTranslator::fill_record(TypeId id, CXType canonical, CXCursor decl) {
  CXCursor def = clang_getCursorDefinition(decl);
  const bool complete = !clang_Cursor_isNull(def);
  model_.types[id].decl = location_of(complete ? def : decl);
  if (!complete) return;  // declared, never defined: an opaque handle type

  long long size = clang_Type_getSizeOf(canonical);
  long long align = clang_Type_getAlignOf(canonical);
  if (size < 0 || align < 0) {
    if (layout_error_.empty())
      layout_error_ = model_.types[id].name + " has no computable layout (clang layout error " +
                      std::to_string(size < 0 ? size : align) + ")";
    return;
  }
  {
    Type& t = model_.types[id];
    t.complete = true;
    t.size = static_cast<uint64_t>(size);
    t.align = static_cast<uint64_t>(align);
  }

  struct Ctx {
    TypeTranslator* self;
    TypeId id;
    std::vector<model::Field> fields;
    bool packed_attr = false;
  } ctx{this, id, {}, false};

  // Fields through the record type: this includes the unnamed field of an anonymous
  // struct/union member, which a cursor walk does not show.
  clang_Type_visitFields(
      canonical,
      [](CXCursor c, CXClientData data) {
        auto* ctx = static_cast<Ctx*>(data);
        model::Field f;
        f.name = take(clang_getCursorSpelling(c));
        if (clang_Cursor_isAnonymousRecordDecl(clang_getTypeDeclaration(clang_getCursorType(c)))) f.name.clear();
        f.type = ctx->self->translate(clang_getCursorType(c));
        long long off = clang_Cursor_getOffsetOfField(c);
        if (off < 0 && ctx->self->layout_error_.empty())
          ctx->self->layout_error_ = "field '" + f.name + "' of " + ctx->self->model_.types[ctx->id].name +
                                     " has no computable offset (clang layout error " + std::to_string(off) + ")";
        f.offset_bits = off < 0 ? 0 : static_cast<uint64_t>(off);
        if (clang_Cursor_isBitField(c)) f.bit_width = static_cast<uint32_t>(clang_getFieldDeclBitWidth(c));
        ctx->fields.push_back(std::move(f));
        return CXVisit_Continue;
      },
      &ctx);
  clang_visitChildren(
      def,
      [](CXCursor c, CXCursor, CXClientData data) {
        if (clang_getCursorKind(c) == CXCursor_PackedAttr) static_cast<Ctx*>(data)->packed_attr = true;
        return CXChildVisit_Continue;
      },
      &ctx);

  Type& t = model_.types[id];
  t.fields = std::move(ctx.fields);
  // #pragma pack shows up as a record aligned less than one of its members wants.
  uint64_t widest = 1;
  for (const model::Field& f : t.fields) widest = std::max(widest, model_.types[f.type].align);
  t.packed = ctx.packed_attr || t.align < widest;
}

TypeId TypeTranslator::translate_enum(CXType canonical, CXCursor decl, bool is_const) {
  const std::string usr = take(clang_getCursorUSR(clang_getCanonicalCursor(decl)));
  const std::string key = (is_const ? "const E:" : "E:") + usr;
  if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
  if (is_const) {
    TypeId base = translate_enum(canonical, decl, false);
    Type copy = model_.types[base];
    copy.is_const = true;
    copy.name = "const " + copy.name;
    return intern(key, std::move(copy));
  }
  CXCursor def = clang_getCursorDefinition(decl);
  if (clang_Cursor_isNull(def)) def = decl;
  Type e;
  e.kind = TypeKind::Enum;
  e.name = record_name(canonical, def);
  e.decl = location_of(def);
  e.complete = true;
  e.size = layout_value(clang_Type_getSizeOf(canonical));
  e.align = layout_value(clang_Type_getAlignOf(canonical));
  TypeId id = intern(key, std::move(e));
  TypeId underlying = translate(clang_getEnumDeclIntegerType(def));
  const bool is_signed = model_.types[underlying].is_signed;

  struct EnumCtx {
    std::vector<model::Enumerator> values;
    bool is_signed;
  } ectx{{}, is_signed};
  clang_visitChildren(
      def,
      [](CXCursor c, CXCursor, CXClientData data) {
        auto* ctx = static_cast<EnumCtx*>(data);
        if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl) return CXChildVisit_Continue;
        model::Enumerator en;
        en.name = take(clang_getCursorSpelling(c));
        en.value = ctx->is_signed ? clang_getEnumConstantDeclValue(c)
                                  : static_cast<int64_t>(clang_getEnumConstantDeclUnsignedValue(c));
        ctx->values.push_back(std::move(en));
        return CXChildVisit_Continue;
      },
      &ectx);
  Type& t = model_.types[id];
  t.underlying = underlying;
  t.is_signed = is_signed;
  t.enumerators = std::move(ectx.values);
  return id;
}

TypeId TypeTranslator::translate_parameter(CXType written) {
  std::vector<std::string> chain;
  CXType t = peel(written, chain);
  for (const std::string& n : chain)
    if (is_va_list_name(n)) return translate(written);  // reported as va_list, not as a pointer
  TypeId target = kNoType;
  if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray || t.kind == CXType_VariableArray ||
      t.kind == CXType_DependentSizedArray)
    target = translate(clang_getArrayElementType(t));
  else if (t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto)
    target = translate(t);
  else
    return translate(written);
  Type ptr;
  ptr.kind = TypeKind::Pointer;
  ptr.pointee = target;
  ptr.size = pointer_bytes_;
  ptr.align = pointer_bytes_;
  ptr.name = describe(model_, target) + " *";
  return intern("P(" + std::to_string(target) + ")", std::move(ptr));
}

TypeId TypeTranslator::translate_decl(CXCursor decl) {
  return translate(clang_getCursorType(decl));
}

void TypeTranslator::finish() {
  for (auto [copy, base] : const_copies_) {
    Type t = model_.types[base];
    t.is_const = true;
    t.name = "const " + t.name;
    model_.types[copy] = std::move(t);
  }
}

}  // namespace ffifuzz::header
