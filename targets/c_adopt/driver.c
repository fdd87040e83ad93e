/* Driver for c_adopt: `clean` uses the bag as its header says (put items are the bag's, a
 * refused one is released by its caller); one trigger proves the planted over-read. */
#include "c_adopt.h"
#include "driver_support.h"

static volatile int sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  ad_bag *bag = ZOO_SYM(lib, ad_bag_new)();
  ZOO_CHECK(bag);
  ad_item *a = ZOO_SYM(lib, ad_item_new)(1), *b = ZOO_SYM(lib, ad_item_new)(2), *c = ZOO_SYM(lib, ad_item_new)(3);
  ZOO_CHECK(a && b && c);
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_put)(bag, a) == 0);
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_value)(bag, 0) == 1 && ZOO_SYM(lib, ad_bag_value)(bag, 1) == -1);
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_put)(bag, b) == 0);
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_put)(bag, c) == -1); /* full: c stays ours */
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_value)(bag, 1) == 2 && ZOO_SYM(lib, ad_bag_value)(bag, 7) == -1);
  ZOO_SYM(lib, ad_item_free)(c);
  ZOO_SYM(lib, ad_bag_free)(bag);
}

static void full_overread(void *lib, const char *flavour) {
  (void)flavour;
  ad_bag *bag = ZOO_SYM(lib, ad_bag_new)();
  ZOO_CHECK(bag);
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_put)(bag, ZOO_SYM(lib, ad_item_new)(1)) == 0);
  ZOO_CHECK(ZOO_SYM(lib, ad_bag_put)(bag, ZOO_SYM(lib, ad_item_new)(2)) == 0);
  sink = ZOO_SYM(lib, ad_bag_value)(bag, 2);
  ZOO_SYM(lib, ad_bag_free)(bag);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"full_overread", full_overread},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
