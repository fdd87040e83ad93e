#include "exec/post_call.h"

#include "exec/call_checks.h"

namespace ffifuzz::exec {

void report_finding(const char* finding_class, const std::string& message) {
  ffz_report_finding(finding_class, message.c_str());
}

void check_returned_pointer(const model::ApiModel& api, const std::string& function, model::TypeId pointee_id,
                            const void* result, bool owned, bool base, bool cstring) {
  const model::Type& pointee = api.type(pointee_id);
  const bool record =
      (pointee.kind == model::TypeKind::Struct || pointee.kind == model::TypeKind::Union) && pointee.complete;
  const bool c_string = cstring && pointee.kind == model::TypeKind::Int && pointee.size == 1;
  ffz_check_returned(function.c_str(), pointee.name.c_str(), result, record ? pointee.size : 0, record, owned, base,
                     c_string);
}

}  // namespace ffifuzz::exec
