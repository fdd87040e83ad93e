/* Hand-written libFuzzer harness for targets/c_bugs: every function of the header with
 * values from the input, messages and hex strings in handle tables released once. */
#include "../../targets/c_bugs/c_bugs.h"
#include "hand_harness.h"

static int32_t (*p_scale)(int32_t, int32_t);
static uint32_t (*p_checksum)(const uint8_t *, size_t, uint32_t);
static uint64_t (*p_nest)(uint32_t);
static uint32_t (*p_bitcount)(uint32_t);
static int32_t (*p_status)(uint32_t);
static int64_t (*p_fill)(uint32_t);
static size_t (*p_label)(const char *, uint32_t);
static struct bugs_msg *(*p_msg_new)(const char *, size_t);
static size_t (*p_msg_skip)(struct bugs_msg *, size_t);
static size_t (*p_msg_len)(const struct bugs_msg *);
static void (*p_msg_free)(struct bugs_msg *);
static char *(*p_hex)(const uint8_t *, size_t);
static void (*p_hex_free)(char *);

enum { OP_SCALE, OP_CHECKSUM, OP_NEST, OP_BITCOUNT, OP_STATUS, OP_FILL, OP_LABEL, OP_MSG_NEW, OP_MSG_SKIP, OP_MSG_LEN, OP_MSG_FREE, OP_HEX };
#define MSG "bugs_msg_new bugs_msg_skip bugs_msg_len bugs_msg_free"
static const HandOp kOps[] = {
    {"bugs_scale", OP_SCALE}, {"bugs_checksum", OP_CHECKSUM}, {"bugs_nest", OP_NEST}, {"bugs_bitcount", OP_BITCOUNT},
    {"bugs_status", OP_STATUS}, {"bugs_fill", OP_FILL}, {"bugs_label", OP_LABEL},
    {MSG, OP_MSG_NEW}, {MSG, OP_MSG_SKIP}, {MSG, OP_MSG_LEN}, {MSG, OP_MSG_FREE},
    {"bugs_hex bugs_hex_free", OP_HEX},
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  hand_open(HAND_DEFAULT_LIB);
  p_scale = (int32_t(*)(int32_t, int32_t))hand_sym("bugs_scale");
  p_checksum = (uint32_t(*)(const uint8_t *, size_t, uint32_t))hand_sym("bugs_checksum");
  p_nest = (uint64_t(*)(uint32_t))hand_sym("bugs_nest");
  p_bitcount = (uint32_t(*)(uint32_t))hand_sym("bugs_bitcount");
  p_status = (int32_t(*)(uint32_t))hand_sym("bugs_status");
  p_fill = (int64_t(*)(uint32_t))hand_sym("bugs_fill");
  p_label = (size_t(*)(const char *, uint32_t))hand_sym("bugs_label");
  p_msg_new = (struct bugs_msg * (*)(const char *, size_t)) hand_sym("bugs_msg_new");
  p_msg_skip = (size_t(*)(struct bugs_msg *, size_t))hand_sym("bugs_msg_skip");
  p_msg_len = (size_t(*)(const struct bugs_msg *))hand_sym("bugs_msg_len");
  p_msg_free = (void (*)(struct bugs_msg *))hand_sym("bugs_msg_free");
  p_hex = (char *(*)(const uint8_t *, size_t))hand_sym("bugs_hex");
  p_hex_free = (void (*)(char *))hand_sym("bugs_hex_free");
  hand_select(kOps, sizeof kOps / sizeof kOps[0]);
  return 0;
}

#define MAX_LIVE 8
volatile uint64_t g_sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  HandInput in = {data, size};
  struct bugs_msg *msgs[MAX_LIVE];
  size_t nmsg = 0;
  for (int i = 0; i < HAND_MAX_OPS && hand_more(&in); ++i) {
    switch (hand_next_op(&in)) {
      case OP_SCALE: {
        int32_t v = (int32_t)hand_u32(&in), f = (int32_t)hand_u32(&in);
        g_sink = (uint64_t)p_scale(v, f);
        break;
      }
      case OP_CHECKSUM: {
        uint32_t mode = hand_u32(&in);
        size_t len;
        uint8_t *b = hand_bytes(&in, hand_u8(&in), &len);
        g_sink = p_checksum(b, len, mode);
        free(b);
        break;
      }
      case OP_NEST:
        g_sink = p_nest(hand_u32(&in));
        break;
      case OP_BITCOUNT:
        g_sink = p_bitcount(hand_u32(&in));
        break;
      case OP_STATUS:
        g_sink = (uint64_t)p_status(hand_u32(&in));
        break;
      case OP_FILL:
        g_sink = (uint64_t)p_fill(hand_u32(&in));
        break;
      case OP_LABEL: {
        uint32_t flags = hand_u32(&in);
        char *name = hand_u8(&in) == 0xFF ? NULL : hand_string(&in, 64);
        g_sink = p_label(name, flags);
        free(name);
        break;
      }
      case OP_MSG_NEW: {
        size_t len;
        uint8_t *b = hand_bytes(&in, hand_u8(&in), &len);
        struct bugs_msg *m = p_msg_new((const char *)b, len);
        free(b);
        if (!m) break;
        if (nmsg == MAX_LIVE) p_msg_free(msgs[--nmsg]);
        msgs[nmsg++] = m;
        break;
      }
      case OP_MSG_SKIP:
        if (nmsg) {
          struct bugs_msg *m = msgs[hand_u8(&in) % nmsg];
          g_sink = p_msg_skip(m, hand_u8(&in));
        }
        break;
      case OP_MSG_LEN:
        if (nmsg) g_sink = p_msg_len(msgs[hand_u8(&in) % nmsg]);
        break;
      case OP_MSG_FREE:
        if (nmsg) {
          size_t k = hand_u8(&in) % nmsg;
          p_msg_free(msgs[k]);
          msgs[k] = msgs[--nmsg];
        }
        break;
      case OP_HEX: {
        size_t len;
        uint8_t *b = hand_bytes(&in, hand_u8(&in), &len);
        char *s = p_hex(b, len);
        free(b);
        if (s) g_sink = strlen(s);
        p_hex_free(s);
        break;
      }
    }
  }
  while (nmsg) p_msg_free(msgs[--nmsg]);
  return 0;
}
