/* c_adopt: see c_adopt.h. One planted bug: ad_bag_value checks `index` against the bag's
 * room with <= instead of <, and reads one slot past its array when the bag is full. */
#include "c_adopt.h"

#include <stdlib.h>

enum { kRoom = 2 };

struct ad_item {
  int value;
};

struct ad_bag {
  ad_item **items; /* kRoom slots */
  unsigned count;
};

ad_item *ad_item_new(int value) {
  ad_item *item = malloc(sizeof *item);
  if (item) item->value = value;
  return item;
}

void ad_item_free(ad_item *item) { free(item); }

int ad_item_consume(ad_item *item) {
  const int value = item->value;
  free(item);
  return value;
}

void ad_item_unref(ad_item **item) {
  ad_item *it = *item;  // no NULL check on *item, as libcbor's cbor_decref has none
  it->value = 0;
  free(it);
  *item = NULL;
}

ad_bag *ad_bag_new(void) {
  ad_bag *bag = calloc(1, sizeof *bag);
  if (!bag) return NULL;
  bag->items = calloc(kRoom, sizeof *bag->items);
  if (!bag->items) {
    free(bag);
    return NULL;
  }
  return bag;
}

void ad_bag_free(ad_bag *bag) {
  if (!bag) return;
  for (unsigned i = 0; i < bag->count; ++i) free(bag->items[i]);
  free(bag->items);
  free(bag);
}

int ad_bag_put(ad_bag *bag, ad_item *item) {
  if (bag->count == kRoom) return -1;
  bag->items[bag->count++] = item;
  return 0;
}

int ad_bag_value(const ad_bag *bag, unsigned index) {
  /* The planted bug: `<=` lets index == kRoom through once the bag is full. */
  if (index > bag->count || (index == bag->count && bag->count < kRoom)) return -1;
  return bag->items[index]->value;
}
