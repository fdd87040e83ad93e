/* Hand-written libFuzzer harness for targets/seed (the baseline of ffifuzz's execs/s):
 * direct calls to rust_add, point_distance and get_greeting/free_greeting, chosen and fed
 * by the input bytes. */
#include "../../targets/seed/seed.h"
#include "hand_harness.h"

static int32_t (*p_rust_add)(int32_t, int32_t);
static double (*p_point_distance)(const Point *, const Point *);
static char *(*p_get_greeting)(void);
static void (*p_free_greeting)(char *);

enum { OP_ADD, OP_DISTANCE, OP_GREETING };
static const HandOp kOps[] = {
    {"rust_add", OP_ADD},
    {"point_distance", OP_DISTANCE},
    {"get_greeting free_greeting", OP_GREETING},
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  hand_open(HAND_DEFAULT_LIB);
  p_rust_add = (int32_t(*)(int32_t, int32_t))hand_sym("rust_add");
  p_point_distance = (double (*)(const Point *, const Point *))hand_sym("point_distance");
  p_get_greeting = (char *(*)(void))hand_sym("get_greeting");
  p_free_greeting = (void (*)(char *))hand_sym("free_greeting");
  hand_select(kOps, sizeof kOps / sizeof kOps[0]);
  return 0;
}

volatile double g_sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  HandInput in = {data, size};
  for (int i = 0; i < HAND_MAX_OPS && hand_more(&in); ++i) {
    switch (hand_next_op(&in)) {
      case OP_ADD: {
        int32_t a = (int32_t)hand_u32(&in), b = (int32_t)hand_u32(&in);
        g_sink = p_rust_add(a, b);
        break;
      }
      case OP_DISTANCE: {
        uint8_t nulls = hand_u8(&in);
        Point a = {hand_f64(&in), hand_f64(&in)}, b = {hand_f64(&in), hand_f64(&in)};
        g_sink = p_point_distance(nulls & 1 ? NULL : &a, nulls & 2 ? NULL : &b);
        break;
      }
      case OP_GREETING: {
        char *s = p_get_greeting();
        if (s) g_sink = (double)strlen(s);
        p_free_greeting(s);
        break;
      }
    }
  }
  return 0;
}
