/* The baseline perf.sh measures ffifuzz against on libyaml: the libFuzzer harness a user would
 * write by hand for it. The first input byte picks the API the rest of the input goes
 * through: the event parser (every event until the stream ends or an error) or the document
 * loader (every document). Same sanitizers as the ffifuzz binary; the library is the
 * coverage build perf.sh names at link time. */
#include <stddef.h>
#include <stdint.h>

#include "yaml.h"

static void parse_events(yaml_parser_t *p) {
  yaml_event_t e;
  for (;;) {
    if (!yaml_parser_parse(p, &e)) return;
    int done = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
    if (done) return;
  }
}

static void load_documents(yaml_parser_t *p) {
  yaml_document_t d;
  for (;;) {
    if (!yaml_parser_load(p, &d)) return;
    int empty = yaml_document_get_root_node(&d) == NULL;
    yaml_document_delete(&d);
    if (empty) return;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) return 0;
  yaml_parser_set_input_string(&p, data + 1, size - 1);
  if (data[0] & 1)
    parse_events(&p);
  else
    load_documents(&p);
  yaml_parser_delete(&p);
  return 0;
}
