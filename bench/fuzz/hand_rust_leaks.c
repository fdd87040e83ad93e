/* Hand-written libFuzzer harness for targets/rust_leaks: tokens and records kept in small
 * handle tables (each released once, what is left released at the end), and the blob
 * functions on input bytes. */
#include "../../targets/rust_leaks/rust_leaks.h"
#include "hand_harness.h"

static Token *(*p_token_new)(uint32_t);
static uint32_t (*p_token_kind)(const Token *);
static void (*p_token_free)(Token *);
static Record *(*p_record_new)(const char *, uint32_t);
static const char *(*p_record_name)(const Record *);
static uint32_t (*p_record_id)(const Record *);
static void (*p_record_free)(Record *);
static uint32_t (*p_blob_checksum)(const uint8_t *, size_t);
static bool (*p_blob_validate)(const uint8_t *, size_t);

enum { OP_TOKEN_NEW, OP_TOKEN_KIND, OP_TOKEN_FREE, OP_RECORD_NEW, OP_RECORD_READ, OP_RECORD_FREE, OP_CHECKSUM, OP_VALIDATE };
#define TOKENS "token_new token_kind token_free"
#define RECORDS "record_new record_name record_id record_free"
static const HandOp kOps[] = {
    {TOKENS, OP_TOKEN_NEW},   {TOKENS, OP_TOKEN_KIND},         {TOKENS, OP_TOKEN_FREE},
    {RECORDS, OP_RECORD_NEW}, {RECORDS, OP_RECORD_READ},       {RECORDS, OP_RECORD_FREE},
    {"blob_checksum", OP_CHECKSUM}, {"blob_validate", OP_VALIDATE},
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  hand_open(HAND_DEFAULT_LIB);
  p_token_new = (Token * (*)(uint32_t)) hand_sym("token_new");
  p_token_kind = (uint32_t(*)(const Token *))hand_sym("token_kind");
  p_token_free = (void (*)(Token *))hand_sym("token_free");
  p_record_new = (Record * (*)(const char *, uint32_t)) hand_sym("record_new");
  p_record_name = (const char *(*)(const Record *))hand_sym("record_name");
  p_record_id = (uint32_t(*)(const Record *))hand_sym("record_id");
  p_record_free = (void (*)(Record *))hand_sym("record_free");
  p_blob_checksum = (uint32_t(*)(const uint8_t *, size_t))hand_sym("blob_checksum");
  p_blob_validate = (bool (*)(const uint8_t *, size_t))hand_sym("blob_validate");
  hand_select(kOps, sizeof kOps / sizeof kOps[0]);
  return 0;
}

#define MAX_LIVE 8
volatile size_t g_sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  HandInput in = {data, size};
  Token *tokens[MAX_LIVE];
  Record *records[MAX_LIVE];
  size_t ntok = 0, nrec = 0;
  for (int i = 0; i < HAND_MAX_OPS && hand_more(&in); ++i) {
    int op = hand_next_op(&in);
    switch (op) {
      case OP_TOKEN_NEW: {
        Token *t = p_token_new(hand_u32(&in));
        if (!t) break;
        if (ntok == MAX_LIVE) p_token_free(tokens[--ntok]);
        tokens[ntok++] = t;
        break;
      }
      case OP_TOKEN_KIND:
        g_sink = ntok ? p_token_kind(tokens[hand_u8(&in) % ntok]) : p_token_kind(NULL);
        break;
      case OP_TOKEN_FREE:
        if (ntok) {
          size_t k = hand_u8(&in) % ntok;
          p_token_free(tokens[k]);
          tokens[k] = tokens[--ntok];
        }
        break;
      case OP_RECORD_NEW: {
        uint8_t null_name = hand_u8(&in) == 0xFF;
        char *name = null_name ? NULL : hand_string(&in, 64);
        Record *r = p_record_new(name, hand_u32(&in));
        free(name);
        if (!r) break;
        if (nrec == MAX_LIVE) p_record_free(records[--nrec]);
        records[nrec++] = r;
        break;
      }
      case OP_RECORD_READ:
        if (nrec) {
          Record *r = records[hand_u8(&in) % nrec];
          const char *name = p_record_name(r);
          g_sink = (name ? strlen(name) : 0) + p_record_id(r);
        }
        break;
      case OP_RECORD_FREE:
        if (nrec) {
          size_t k = hand_u8(&in) % nrec;
          p_record_free(records[k]);
          records[k] = records[--nrec];
        }
        break;
      case OP_CHECKSUM:
      case OP_VALIDATE: {
        size_t len;
        uint8_t *b = hand_bytes(&in, hand_u8(&in), &len);
        g_sink = op == OP_VALIDATE ? p_blob_validate(b, len) : p_blob_checksum(b, len);
        free(b);
        break;
      }
    }
  }
  while (ntok) p_token_free(tokens[--ntok]);
  while (nrec) p_record_free(records[--nrec]);
  return 0;
}
