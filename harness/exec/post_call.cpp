#include "exec/post_call.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

// Weak: an exported source target is also built without ASan (a coverage build, AFL++
// without a sanitizer), where no sanitizer runtime defines them (docs/export.md).
extern "C" {
int __sanitizer_get_ownership(const volatile void* p) __attribute__((weak));
size_t __sanitizer_get_allocated_size(const volatile void* p) __attribute__((weak));
void __sanitizer_print_stack_trace() __attribute__((weak));
}

namespace ffifuzz::exec {

void report_finding(const char* finding_class, const std::string& message) {
  std::fprintf(stderr, "==ffifuzz== ERROR: %s: %s\n", finding_class, message.c_str());
  if (__sanitizer_print_stack_trace) __sanitizer_print_stack_trace();
  std::fflush(stderr);
  std::abort();
}

void check_returned_pointer(const model::ApiModel& api, const std::string& function, model::TypeId pointee_id,
                            const void* result, bool owned, bool base, bool cstring) {
  const model::Type& pointee = api.type(pointee_id);
  // Only the start of a heap block has an allocated size; a pointer into static storage or
  // into the middle of a block tells nothing about the struct's size.
  bool heap_block = __sanitizer_get_ownership && __sanitizer_get_ownership(result);
  size_t allocated = heap_block ? __sanitizer_get_allocated_size(result) : 0;
  bool is_record = (pointee.kind == model::TypeKind::Struct || pointee.kind == model::TypeKind::Union) && pointee.complete;
  if (is_record && owned && heap_block && (base ? allocated < pointee.size : allocated != pointee.size)) {
    report_finding("layout-mismatch",
                   function + " returned a " + pointee.name + " in a heap block of " + std::to_string(allocated) +
                       " bytes, but the header says sizeof(" + pointee.name + ") is " + std::to_string(pointee.size) +
                       ": the library's definition of the struct is not the header's");
  }
  if (is_record) {
    // Touch every byte the header says the struct has.
    const volatile uint8_t* bytes = static_cast<const volatile uint8_t*>(result);
    uint8_t sink = 0;
    for (uint64_t i = 0; i < pointee.size; ++i) sink ^= bytes[i];
    (void)sink;
  }
  if (cstring && pointee.kind == model::TypeKind::Int && pointee.size == 1) {
    if (heap_block) {
      if (!std::memchr(result, 0, allocated))
        report_finding("heap-overflow", function + " returned a C string that is not NUL-terminated inside its " +
                                            std::to_string(allocated) + "-byte allocation");
    } else {
      (void)std::strlen(static_cast<const char*>(result));  // a wild pointer faults here, in the call's wake
    }
  }
}

}  // namespace ffifuzz::exec
