#include "check/rust_ffi_safety.h"

namespace ffifuzz::check {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::optional<FfiUnsafety> rust_ffi_unsafety(const model::BinaryType& t) {
  const std::string& q = t.qualified_name;
  if (t.is_utf_char)
    return FfiUnsafety{"char", "use u32 (uint32_t in C) and convert with char::from_u32"};
  if (q == "alloc::string::String")
    return FfiUnsafety{"String", "return a `*mut c_char` from CString::into_raw and export a free function "
                                 "that takes it back with CString::from_raw"};
  if (starts_with(q, "alloc::vec::Vec<"))
    return FfiUnsafety{"Vec", "pass a pointer and a length; hand ownership over as Box<[T]>::into_raw "
                              "and export a function that frees it"};
  if (q == "&str" || q == "&mut str" || q == "*const str" || q == "*mut str")
    return FfiUnsafety{"&str", "take a `*const c_char` (CStr::from_ptr) or a `*const u8` and a length"};
  if (starts_with(q, "&[") || starts_with(q, "&mut [") || starts_with(q, "*const [") || starts_with(q, "*mut ["))
    return FfiUnsafety{"a slice", "take a pointer and a length (`*const T, usize`)"};
  if (q.find("dyn ") != std::string::npos && t.kind == model::ValueKind::Aggregate)
    return FfiUnsafety{"a trait object", "pass an opaque pointer (a `*mut c_void`, or Box::into_raw of a "
                                         "Box<Box<dyn Trait>>) instead of the fat pointer"};
  // Option of a reference, Box, NonNull or fn is a nullable pointer: binary/ classifies it
  // as one (abi_kind); any other Option is a tagged union.
  if (starts_with(q, "core::option::Option<") && t.abi_kind == model::ValueKind::Aggregate)
    return FfiUnsafety{"Option", "use a nullable pointer, or a value plus a separate `bool` out-parameter"};
  if (starts_with(q, "core::result::Result<"))
    return FfiUnsafety{"Result", "return an error code (an integer or a #[repr(C)] enum) and pass the value "
                                 "through an out-pointer"};
  if (starts_with(q, "(") && q != "()" && t.kind == model::ValueKind::Aggregate)
    return FfiUnsafety{"a tuple", "use a #[repr(C)] struct"};
  return std::nullopt;
}

}  // namespace ffifuzz::check
