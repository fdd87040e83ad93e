// Naming inference: the weakest contract source, what a reader would guess from names and
// types alone (docs/contracts.md lists the rules):
// - releasers (free_*, *_free, destroy_*, *_destroy, release_*, *_release, *_delete, *_unref,
//   *_close) release their first pointer parameter, and pair with the constructors (*_new,
//   *_create, *_open, *_alloc, and get_* returning char* when a matching releaser exists)
//   whose return type they take: the constructor's result is owned_by the releaser;
// - adjacent (T *p, size_t n) and (const char *s, size_t len) are a buffer and its length;
// - a const char * that is not such a buffer is a C string;
// - a pointer to an incomplete (opaque) struct is a handle.
#pragma once

#include <string>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::contract {

model::Contracts infer_from_names(const model::ApiModel& api);

// Exposed for tests and for `inspect`: the naming roles of a function name.
bool is_releaser_name(const std::string& name);
// A release verb anywhere in the name (gcry_prime_release_factors), not only where a releaser has it.
bool names_a_release(const std::string& name);
bool is_constructor_name(const std::string& name);

// A releaser of its first parameter by naming: its name's role read against its types
// (DGifCloseFile), taking something releasable (no int *), and not naming a field of the struct
// it takes (GifFreeSavedImages frees a part of its GifFileType).
bool is_releaser(const model::ApiModel& api, const model::Function& f);

// How contracts name parameter i of f: its name, or #N (1-based) when the header gives none.
std::string param_key(const model::Function& f, size_t i);

}  // namespace ffifuzz::contract
