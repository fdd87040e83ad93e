/* rust_layout.h: written by hand (not by cbindgen). It declares Packet with the C layout
 * the library's authors intended: tag at offset 0, value at 8, flags at 16, 24 bytes in all.
 * The library (src/lib.rs) forgot #[repr(C)], so its Packet is laid out differently: that
 * mismatch is the planted bug.
 * Settings is the other way round: the library's Settings is #[repr(C)], but this header
 * still has the layout it had before the library changed it (count: uint64_t at 0, ratio at
 * 8, 16 bytes; the library has ratio at 0, count: u32 at 4, 8 bytes): the header is stale. */
#ifndef RUST_LAYOUT_H
#define RUST_LAYOUT_H

#include <stdint.h>

typedef struct Packet {
  uint8_t tag;
  uint64_t value;
  uint8_t flags;
} Packet;

typedef struct Settings {
  uint64_t count;
  float ratio;
} Settings;

/** Creates a packet. Release it with `packet_free`. */
Packet *packet_new(uint8_t tag, uint64_t value, uint8_t flags);

/** The packet's value; 0 for NULL. */
uint64_t packet_value(const Packet *packet);

/** The packet's tag; 0 for NULL. */
uint8_t packet_tag(const Packet *packet);

/** A checksum of a packet passed by value. */
uint64_t packet_checksum(Packet packet);

/** Releases a packet from `packet_new`. NULL is accepted and ignored. */
void packet_free(Packet *packet);

/** The settings' count; 0 for NULL. */
uint32_t settings_count(const Settings *settings);

#endif /* RUST_LAYOUT_H */
