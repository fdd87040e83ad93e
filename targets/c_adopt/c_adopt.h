/* c_adopt: a bag that takes over the items it accepts and leaves the ones it refuses to their
 * caller, the way container APIs do (an append that fails keeps nothing). The header says it
 * only in comments: ffifuzz, with no contract, must learn that ad_bag_put takes its item over
 * (releasing it afterwards would free it twice) and that a refused item stays the caller's
 * (taking it for released leaks it), and still find the bag's one real bug. */
#ifndef C_ADOPT_H
#define C_ADOPT_H

typedef struct ad_item ad_item;
typedef struct ad_bag ad_bag;

/* A new item holding `value`; release it with ad_item_free unless a bag took it. */
ad_item *ad_item_new(int value);
void ad_item_free(ad_item *item);
/* Releases *item and sets *item to NULL, so the caller's pointer does not dangle. */
void ad_item_unref(ad_item **item);
/* Returns the item's value and releases the item: the caller must not use it again. */
int ad_item_consume(ad_item *item);

/* A new, empty bag with room for two items; release it with ad_bag_free, which releases the
 * items it holds. */
ad_bag *ad_bag_new(void);
void ad_bag_free(ad_bag *bag);

/* Puts `item` in the bag, which owns it from then on. Returns 0 on success, -1 when the bag is
 * full: the item is then not taken and stays the caller's. */
int ad_bag_put(ad_bag *bag, ad_item *item);

/* The value of the item at `index`, or -1 when there is none. */
int ad_bag_value(const ad_bag *bag, unsigned index);

#endif
