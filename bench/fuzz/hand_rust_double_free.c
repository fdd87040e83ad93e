/* Hand-written libFuzzer harness for targets/rust_double_free: sessions and shared values
 * in handle tables. A shared value's table holds one entry per reference (shared_clone adds
 * one), and each entry is released once with shared_free: the documented correct use. */
#include "../../targets/rust_double_free/rust_double_free.h"
#include "hand_harness.h"

static Session *(*p_session_new)(uint32_t);
static size_t (*p_session_write)(Session *, const uint8_t *, size_t);
static size_t (*p_session_len)(const Session *);
static void (*p_session_destroy)(Session *);
static Shared *(*p_shared_new)(int32_t);
static Shared *(*p_shared_clone)(Shared *);
static int32_t (*p_shared_value)(const Shared *);
static void (*p_shared_free)(Shared *);

enum { OP_SESSION_NEW, OP_SESSION_WRITE, OP_SESSION_LEN, OP_SESSION_DESTROY, OP_SHARED_NEW, OP_SHARED_CLONE, OP_SHARED_VALUE, OP_SHARED_FREE };
#define SESSIONS "session_new session_write session_len session_destroy"
#define SHARED "shared_new shared_clone shared_value shared_free"
static const HandOp kOps[] = {
    {SESSIONS, OP_SESSION_NEW}, {SESSIONS, OP_SESSION_WRITE}, {SESSIONS, OP_SESSION_LEN}, {SESSIONS, OP_SESSION_DESTROY},
    {SHARED, OP_SHARED_NEW},    {SHARED, OP_SHARED_CLONE},    {SHARED, OP_SHARED_VALUE},  {SHARED, OP_SHARED_FREE},
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  hand_open(HAND_DEFAULT_LIB);
  p_session_new = (Session * (*)(uint32_t)) hand_sym("session_new");
  p_session_write = (size_t(*)(Session *, const uint8_t *, size_t))hand_sym("session_write");
  p_session_len = (size_t(*)(const Session *))hand_sym("session_len");
  p_session_destroy = (void (*)(Session *))hand_sym("session_destroy");
  p_shared_new = (Shared * (*)(int32_t)) hand_sym("shared_new");
  p_shared_clone = (Shared * (*)(Shared *)) hand_sym("shared_clone");
  p_shared_value = (int32_t(*)(const Shared *))hand_sym("shared_value");
  p_shared_free = (void (*)(Shared *))hand_sym("shared_free");
  hand_select(kOps, sizeof kOps / sizeof kOps[0]);
  return 0;
}

#define MAX_LIVE 8
volatile size_t g_sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  HandInput in = {data, size};
  Session *sessions[MAX_LIVE];
  Shared *refs[MAX_LIVE];
  size_t nses = 0, nref = 0;
  for (int i = 0; i < HAND_MAX_OPS && hand_more(&in); ++i) {
    switch (hand_next_op(&in)) {
      case OP_SESSION_NEW: {
        Session *s = p_session_new(hand_u32(&in));
        if (!s) break;
        if (nses == MAX_LIVE) p_session_destroy(sessions[--nses]);
        sessions[nses++] = s;
        break;
      }
      case OP_SESSION_WRITE:
        if (nses) {
          Session *s = sessions[hand_u8(&in) % nses];
          size_t len;
          uint8_t *b = hand_bytes(&in, hand_u8(&in), &len);
          g_sink = p_session_write(s, b, len);
          free(b);
        }
        break;
      case OP_SESSION_LEN:
        g_sink = nses ? p_session_len(sessions[hand_u8(&in) % nses]) : p_session_len(NULL);
        break;
      case OP_SESSION_DESTROY:
        if (nses) {
          size_t k = hand_u8(&in) % nses;
          p_session_destroy(sessions[k]);
          sessions[k] = sessions[--nses];
        }
        break;
      case OP_SHARED_NEW: {
        Shared *s = p_shared_new((int32_t)hand_u32(&in));
        if (!s) break;
        if (nref == MAX_LIVE) p_shared_free(refs[--nref]);
        refs[nref++] = s;
        break;
      }
      case OP_SHARED_CLONE:
        if (nref && nref < MAX_LIVE) {
          Shared *s = p_shared_clone(refs[hand_u8(&in) % nref]);
          if (s) refs[nref++] = s;
        }
        break;
      case OP_SHARED_VALUE:
        g_sink = (size_t)(nref ? p_shared_value(refs[hand_u8(&in) % nref]) : p_shared_value(NULL));
        break;
      case OP_SHARED_FREE:
        if (nref) {
          size_t k = hand_u8(&in) % nref;
          p_shared_free(refs[k]);
          refs[k] = refs[--nref];
        }
        break;
    }
  }
  while (nses) p_session_destroy(sessions[--nses]);
  while (nref) p_shared_free(refs[--nref]);
  return 0;
}
