/* c_learn: a small table library whose header says nothing about ownership or order, the way
 * most headers are. Nothing here is named like a constructor or a releaser; the rules live in
 * the implementation (an assert, a caller-frees string). ffifuzz must learn them from the
 * findings they cause and still find the table's one real bug, which hides behind the
 * precondition. */
#ifndef C_LEARN_H
#define C_LEARN_H

typedef struct lt_table lt_table;

/* A table with room for `capacity` entries (at least 1). */
lt_table *lt_table_make(unsigned capacity);
/* Forgets every entry; the table stays usable. */
void lt_table_clear(lt_table *t);
/* Gives the table's memory back. */
void lt_table_retire(lt_table *t);

/* Adds or replaces an entry; 0 when the table is full. */
int lt_table_put(lt_table *t, const char *key, int value);
/* No more puts after this; lookups need it. */
void lt_table_seal(lt_table *t);
/* The value of `key`, or -1. */
int lt_table_get(lt_table *t, const char *key);

/* The table as text, one "key=value" line per entry. */
char *lt_table_render(lt_table *t);
/* Gives back what lt_table_render returned. */
void lt_text_drop(char *text);

#endif
