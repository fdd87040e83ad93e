/* rust_layout.h: written by hand (not by cbindgen). It declares Packet with the C layout
 * the library's authors intended: tag at offset 0, value at 8, flags at 16, 24 bytes in all.
 * The library (src/lib.rs) forgot #[repr(C)], so its Packet is laid out differently: that
 * mismatch is the planted bug. */
#ifndef RUST_LAYOUT_H
#define RUST_LAYOUT_H

#include <stdint.h>

typedef struct Packet {
  uint8_t tag;
  uint64_t value;
  uint8_t flags;
} Packet;

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

#endif /* RUST_LAYOUT_H */
