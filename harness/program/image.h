// program/image: struct images — the bytes of a struct passed by value or pointed to.
// Job: make an image canonical for its type, so that its field values alone determine it:
// padding and pointer fields zeroed (the executor points pointers at memory of its own),
// bools 0 or 1, enums a declared value. Then a struct printed field by field reads back to
// the same bytes.
// May depend on: model, program/values.
#pragma once

#include <cstdint>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::program {

void canonicalize_image(const model::ApiModel& api, model::TypeId type, uint8_t* image);

// Reads / writes one scalar field (integer, bool, enum, float; bitfields included) of an
// image as raw bits (integers sign-extended when signed).
uint64_t read_field(const model::ApiModel& api, const model::Field& f, const uint8_t* record);
void write_field(const model::ApiModel& api, const model::Field& f, uint8_t* record, uint64_t bits);

}  // namespace ffifuzz::program
