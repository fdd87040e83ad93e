/* hostile_files: a correct library whose functions write, measure and delete files at the
 * paths they are given. No bug: what makes it hostile is the file system. A caller that
 * passes arbitrary strings as paths creates and deletes files wherever they point (relative
 * paths land in the caller's current directory). */
#ifndef HOSTILE_FILES_H
#define HOSTILE_FILES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the len bytes at data to the file at path, created or truncated (fopen "wb").
 * Returns 0 on success, -1 when path is NULL, data is NULL with len > 0, or the file cannot
 * be written. Hostile: path may name any file the process may write. */
int files_save(const char *_Nullable path, const uint8_t *_Nullable data, size_t len);

/* files_save on dir + "/" + name. Returns -1 as files_save does, and when either string is
 * NULL or the joined path does not fit in PATH_MAX bytes. */
int files_save_in(const char *_Nullable dir, const char *_Nullable name, const uint8_t *_Nullable data,
                  size_t len);

/* Writes the len bytes at data to a file of the library's own choosing: $HOME/.hostile_files_state
 * (a library keeping state in the user's home). Returns -1 when HOME is unset or the file cannot
 * be written. Hostile: no parameter says where it writes. */
int files_save_home(const uint8_t *_Nullable data, size_t len);

/* The size in bytes of the file at path (stat), or -1 when path is NULL or stat fails. */
long files_size(const char *_Nullable path);

/* Deletes the file at path (unlink). Returns 0 on success, -1 when path is NULL or unlink
 * fails. Hostile: path may name any file the process may delete. */
int files_remove(const char *_Nullable path);

#ifdef __cplusplus
}
#endif

#endif
