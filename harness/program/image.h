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

// What canonicalizing one type's image takes, computed once per type (the plan holds one per
// struct type its slots use): which bytes carry values, and where bools and enums sit.
struct ImageLayout {
  model::TypeId type = model::kNoType;
  std::vector<uint8_t> keep;  // 0xFF for a byte that carries a value, 0 for padding/pointers
  std::vector<uint64_t> bools;
  struct EnumAt {
    uint64_t offset;
    model::TypeId type;
  };
  std::vector<EnumAt> enums;
  std::vector<model::Field> bitfields;  // offsets from the start of the image
  std::vector<uint64_t> pointers;       // where pointer fields sit (zero in a canonical image):
                                        // the executor and emit-c point them at memory of their own
  std::vector<uint64_t> callbacks;      // where function-pointer fields sit (zero too): they get
                                        // the harness's do-nothing callback, never NULL or data
  struct FixedAt {
    uint64_t offset;
    uint64_t size;
    uint64_t value;
  };
  std::vector<FixedAt> fixed;           // fields the contract fixes (MD_PARSER.abi_version = 0)
  bool identity = false;                // nothing to do (all bytes are plain values)
};

ImageLayout image_layout(const model::ApiModel& api, model::TypeId type);
// Adds the fields a contract fixes: canonicalizing then writes their values.
void fix_fields(ImageLayout& layout, std::vector<ImageLayout::FixedAt> fixed);
void canonicalize_image(const model::ApiModel& api, const ImageLayout& layout, uint8_t* image);
// One-off form (computes the layout).
void canonicalize_image(const model::ApiModel& api, model::TypeId type, uint8_t* image);

// Reads / writes one scalar field (integer, bool, enum, float; bitfields included) of an
// image as raw bits (integers sign-extended when signed).
uint64_t read_field(const model::ApiModel& api, const model::Field& f, const uint8_t* record);
void write_field(const model::ApiModel& api, const model::Field& f, uint8_t* record, uint64_t bits);

}  // namespace ffifuzz::program
