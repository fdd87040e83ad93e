#include "program/codec.h"

#include <cstring>

#include "program/storage.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

// Reads bytes and never fails: past the end it yields zeros, so every byte string decodes.
class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> data) : data_(data) {}
  uint8_t u8() { return pos_ < data_.size() ? data_[pos_++] : 0; }
  uint64_t le(size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n && i < 8; ++i) v |= uint64_t{u8()} << (8 * i);
    return v;
  }
  // Fills `out` with the next n bytes (zeros past the end), reusing its storage.
  void bytes_into(std::vector<uint8_t>& out, size_t n) {
    out.resize(n);
    size_t avail = pos_ < data_.size() ? std::min(n, data_.size() - pos_) : 0;
    if (avail) std::memcpy(out.data(), data_.data() + pos_, avail);
    if (avail < n) std::memset(out.data() + avail, 0, n - avail);
    pos_ += avail;
  }
 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

class ByteWriter {
 public:
  void u8(uint8_t v) { out.push_back(v); }
  void le(uint64_t v, size_t n) {
    for (size_t i = 0; i < n && i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void bytes(const std::vector<uint8_t>& b) { out.insert(out.end(), b.begin(), b.end()); }
  std::vector<uint8_t> out;
};

// The null marker of a nullable pointer slot: one byte, 0xFF means NULL. Anything else is a
// real pointer, so that random bytes rarely pass NULL and mutations can flip it on purpose.
constexpr uint8_t kNullMarker = 0xFF;

bool has_null_marker(const Slot& s) {
  return s.nullable && s.kind != SlotKind::Int && s.kind != SlotKind::Float && s.kind != SlotKind::Record &&
         s.kind != SlotKind::Length && s.kind != SlotKind::Handle && s.kind != SlotKind::Init &&
         s.kind != SlotKind::OutHandle && s.kind != SlotKind::Fixed;
}

void encode_arg(const model::ApiModel& api, const Slot& s, const Arg& a, ByteWriter& w) {
  if (has_null_marker(s)) w.u8(a.is_null ? kNullMarker : 0);
  switch (s.kind) {
    case SlotKind::Int:
    case SlotKind::Float:
      w.le(a.bits, scalar_size(api, s));
      break;
    case SlotKind::Record:
    case SlotKind::Object:
      if (!a.is_null) w.bytes(a.bytes);
      break;
    case SlotKind::CString:
    case SlotKind::Buffer:
    case SlotKind::Strings:
    case SlotKind::File:
      if (!a.is_null) {
        w.le(a.bytes.size(), 2);
        w.bytes(a.bytes);
      }
      break;
    case SlotKind::Handle:
      w.u8(a.is_null ? kNullMarker : static_cast<uint8_t>(a.bits));
      break;
    case SlotKind::Length:
    case SlotKind::Out:
    case SlotKind::Init:
    case SlotKind::OutHandle:
    case SlotKind::Callback:
    case SlotKind::Fixed:
      break;
  }
}

// Decodes one argument into `a`, reusing its byte storage.
void decode_arg(const model::ApiModel& api, const Slot& s, ByteReader& r, Arg& a) {
  a.is_null = has_null_marker(s) && r.u8() == kNullMarker;
  a.bits = 0;
  switch (s.kind) {
    case SlotKind::Int:
    case SlotKind::Float:
      a.bits = r.le(scalar_size(api, s));
      a.bytes.clear();
      break;
    case SlotKind::Record:
    case SlotKind::Object:
      if (a.is_null) a.bytes.clear();
      else r.bytes_into(a.bytes, api.type(s.value_type).size);
      break;
    case SlotKind::CString:
    case SlotKind::Buffer:
    case SlotKind::Strings:
    case SlotKind::File:
      if (a.is_null) a.bytes.clear();
      else r.bytes_into(a.bytes, r.le(2));  // at most kMaxBytes
      break;
    case SlotKind::Handle: {
      uint8_t b = r.u8();
      a.is_null = s.nullable && b == kNullMarker;
      a.bits = a.is_null ? 0 : b;
      a.bytes.clear();
      break;
    }
    case SlotKind::Length:
    case SlotKind::Out:
    case SlotKind::Init:
    case SlotKind::OutHandle:
    case SlotKind::Callback:
    case SlotKind::Fixed:
      a.bytes.clear();
      break;
  }
}

}  // namespace

void encode_into(const ApiPlan& plan, const model::ApiModel& api, const Program& program, std::vector<uint8_t>& out) {
  ByteWriter w{std::move(out)};
  w.out.clear();
  w.u8(kCodecVersion);
  w.u8(static_cast<uint8_t>(program.calls.size()));
  for (const Call& c : program.calls) {
    w.le(c.fn, 2);
    const FunctionPlan& f = plan.functions.at(c.fn);
    for (size_t i = 0; i < f.params.size(); ++i) encode_arg(api, f.params[i], c.args.at(i), w);
  }
  out = std::move(w.out);
}

std::vector<uint8_t> encode(const ApiPlan& plan, const model::ApiModel& api, const Program& program) {
  std::vector<uint8_t> out;
  encode_into(plan, api, program, out);
  return out;
}

void decode_into(const ApiPlan& plan, const model::ApiModel& api, std::span<const uint8_t> data, Program& p) {
  if (plan.functions.empty()) {
    p.calls.clear();
    return;
  }
  ByteReader r(data);
  r.u8();  // the version byte: the fuzz loop and repro check it; decoding stays total
  size_t count = r.u8() % (kMaxCalls + 1);
  resize_calls(p.calls, count);  // the storage of earlier programs is reused (program/storage.h)
  for (Call& c : p.calls) {
    c.fn = static_cast<uint32_t>(r.le(2) % plan.functions.size());
    const std::vector<Slot>& params = plan.functions[c.fn].params;
    resize_args(c.args, params.size());
    for (size_t i = 0; i < params.size(); ++i) decode_arg(api, params[i], r, c.args[i]);
  }
  normalize(plan, api, p);
}

Program decode(const ApiPlan& plan, const model::ApiModel& api, std::span<const uint8_t> data) {
  Program p;
  decode_into(plan, api, data, p);
  return p;
}

bool has_current_version(std::span<const uint8_t> data) { return !data.empty() && data[0] == kCodecVersion; }

}  // namespace ffifuzz::program
