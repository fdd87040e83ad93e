// Naming inference, rule by rule, on fixtures/api.h.
#include <gtest/gtest.h>

#include "contract/name_words.h"
#include "contract/naming.h"
#include "header/parse_header.h"

namespace ffifuzz::contract {
namespace {

class Naming : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    header::ParseOptions o;
    o.headers = {std::string(CONTRACT_FIXTURES) + "/api.h"};
    api_ = new model::ApiModel(header::parse_header(o).model);
    inferred_ = new model::Contracts(infer_from_names(*api_));
  }
  static void TearDownTestSuite() {
    delete api_;
    delete inferred_;
  }
  static const model::FunctionContract* fn(const std::string& name) { return inferred_->find(name); }
  static std::optional<std::string> owner(const std::string& name) {
    const model::FunctionContract* f = fn(name);
    if (!f || !f->ret.owned_by) return std::nullopt;
    return f->ret.owned_by->value;
  }
  static model::ApiModel* api_;
  static model::Contracts* inferred_;
};
model::ApiModel* Naming::api_ = nullptr;
model::Contracts* Naming::inferred_ = nullptr;

TEST_F(Naming, RoleNames) {
  for (const char* n : {"free_x", "x_free", "destroy_x", "x_destroy", "release_x", "x_release", "x_delete",
                        "x_unref", "x_close"})
    EXPECT_TRUE(is_releaser_name(n)) << n;
  for (const char* n : {"x_new", "x_create", "x_open", "x_alloc"}) EXPECT_TRUE(is_constructor_name(n)) << n;
  EXPECT_FALSE(is_releaser_name("freedom"));
  EXPECT_FALSE(is_releaser_name("_free"));
  EXPECT_FALSE(is_constructor_name("renew"));
}

TEST_F(Naming, ConstructorsPairWithTheReleaserOfTheirType) {
  EXPECT_EQ(owner("builder_new"), "builder_free");
  EXPECT_EQ(owner("builder_create"), "builder_free");
  EXPECT_EQ(owner("config_open"), "config_close");
  EXPECT_EQ(owner("blob_alloc"), "blob_release");
  EXPECT_EQ(fn("builder_new")->ret.owned_by->origin.source, model::ContractSource::Naming);
}

// A constructor given an object of the type it makes may keep it (libcbor's
// cbor_build_tag(value, item)): the new object is its parent for the cycle check. A copy keeps
// nothing of its source.
TEST_F(Naming, AConstructorGivenAnObjectOfItsTypeMayKeepIt) {
  const model::FunctionContract* tagged = fn("builder_build_tagged");
  ASSERT_TRUE(tagged && tagged->params.count("inner"));
  ASSERT_TRUE(tagged->params.at("inner").adopted_by);
  EXPECT_EQ(tagged->params.at("inner").adopted_by->value, "return");
  const model::FunctionContract* copy = fn("builder_copy_new");
  EXPECT_FALSE(copy && copy->params.count("from") && copy->params.at("from").adopted_by);
}

// shared_ref(Shared *) adds a reference: one more release owed to shared_unref (libexif's
// exif_data_ref; a leak otherwise, and the harness's). Not without a releaser that drops one
// reference (builder_ref: builder_free destroys; a retained Builder would be freed twice), nor
// for a function returning something else (shared_ref_count).
TEST_F(Naming, RetainersOfARefcountedTypeOweOneMoreRelease) {
  const model::FunctionContract* ref = fn("shared_ref");
  ASSERT_TRUE(ref);
  ASSERT_TRUE(ref->params.count("s"));
  ASSERT_TRUE(ref->params.at("s").retains);
  EXPECT_TRUE(ref->params.at("s").retains->value);
  EXPECT_NE(ref->params.at("s").retains->origin.detail.find("shared_unref releases"), std::string::npos)
      << ref->params.at("s").retains->origin.detail;
  for (const char* name : {"shared_ref_count", "builder_ref"}) {
    const model::FunctionContract* f = fn(name);
    bool retains = false;
    if (f)
      for (const auto& [p, pc] : f->params) retains |= pc.retains.has_value();
    EXPECT_FALSE(retains) << name;
  }
}

TEST_F(Naming, ArgcCountsArgv) {
  const model::FunctionContract* run = fn("run_command");
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->params.count("argv") && run->params.at("argv").len);
  EXPECT_EQ(run->params.at("argv").len->value.param, "argc");
  EXPECT_EQ(run->params.at("argv").len->value.unit, model::LenUnit::Elements);
  ASSERT_TRUE(run->params.at("argc").length_of);
  // Only the pair main() names: another char ** after an argc is not taken for its array.
  const model::FunctionContract* other = fn("run_other");
  EXPECT_FALSE(other && other->params.count("names") && other->params.at("names").len);
}

TEST_F(Naming, PrintersReturnANewStringTheCallerFrees) {
  EXPECT_EQ(owner("builder_print"), "free");  // no builder_free(void *): the C library's
  EXPECT_EQ(owner("builder_to_string"), "free");
  EXPECT_EQ(owner("builder_format_into"), std::nullopt) << "it may return the caller's buf";
  EXPECT_EQ(owner("builder_dump_view"), std::nullopt) << "a const char * stays the library's";
}

TEST_F(Naming, GetReturningCharPairsOnlyWhenAFreeExists) {
  EXPECT_EQ(owner("get_label"), "free_label");
  // get_static_text returns char * too, but the only char * releaser's stem differs and there
  // is exactly one: it pairs. A library where that is wrong says so in its contract file.
  EXPECT_EQ(owner("get_static_text"), "free_label");
  EXPECT_EQ(owner("builder_name"), std::nullopt);  // not a constructor name
}

TEST_F(Naming, OneReleaserOfTheTypePairsWithoutAStemMatch) {
  // raw_alloc returns void *; the only void * releaser is blob_release: with one candidate
  // the stem need not match.
  EXPECT_EQ(owner("raw_alloc"), "blob_release");
}

// A void * says nothing of what it points at: only a releaser of the same stem pairs with a
// constructor (libxml2's xmlIOHTTPOpenW makes a write context that xmlIOHTTPClose, for
// xmlIOHTTPOpen's, frees as the wrong struct).
TEST(NamingVoid, AVoidContextPairsOnlyWithTheReleaserOfItsOwnStem) {
  header::ParseOptions o;
  o.headers = {std::string(CONTRACT_FIXTURES) + "/void_contexts.h"};
  const model::ApiModel api = header::parse_header(o).model;
  const model::Contracts c = infer_from_names(api);
  const model::FunctionContract* open = c.find("io_http_open");
  ASSERT_TRUE(open && open->ret.owned_by);
  EXPECT_EQ(open->ret.owned_by->value, "io_http_close");
  const model::FunctionContract* open_w = c.find("io_http_open_w");
  EXPECT_FALSE(open_w && open_w->ret.owned_by) << open_w->ret.owned_by->value;
}

TEST_F(Naming, ReleasersReleaseTheirFirstParameter) {
  EXPECT_TRUE(fn("builder_free")->params.at("b").releases->value);
  EXPECT_TRUE(fn("free_label")->params.at("s").releases->value);
  EXPECT_TRUE(fn("widget_destroy")->params.at("w").releases->value);
}

TEST_F(Naming, AdjacentPointerAndSizeAreABufferAndItsLength) {
  const model::ParamContract& data = fn("builder_write")->params.at("data");
  EXPECT_EQ(data.len->value.param, "len");
  EXPECT_EQ(data.len->value.unit, model::LenUnit::Bytes);
  EXPECT_EQ(fn("builder_write")->params.at("len").length_of->value, "data");
  const model::ParamContract& items = fn("builder_count")->params.at("items");
  EXPECT_EQ(items.len->value.unit, model::LenUnit::Elements);
  // A handle followed by a size is not a buffer; neither is a callback.
  EXPECT_FALSE(fn("builder_write")->params.at("b").len);
  EXPECT_EQ(fn("callback_len"), nullptr);
  EXPECT_FALSE(fn("blob_alloc") && fn("blob_alloc")->params.count("n"));
}

// (encoded_size, encoded_buffer, decoded_size, decoded_buffer): the size after encoded_buffer
// is named for decoded_buffer; encoded_buffer's own is the size named like it, before it.
TEST_F(Naming, ABufferTakesTheSizeNamedLikeItOverTheAdjacentOneNamedForAnother) {
  const model::FunctionContract* f = fn("blob_decompress");
  ASSERT_TRUE(f && f->params.count("encoded_buffer") && f->params.at("encoded_buffer").len);
  EXPECT_EQ(f->params.at("encoded_buffer").len->value.param, "encoded_size");
  EXPECT_NE(f->params.at("encoded_buffer").len->origin.detail.find("named alike"), std::string::npos);
  ASSERT_TRUE(f->params.count("encoded_size") && f->params.at("encoded_size").length_of);
  EXPECT_EQ(f->params.at("encoded_size").length_of->value, "encoded_buffer");
  EXPECT_FALSE(f->params.count("decoded_size") && f->params.at("decoded_size").length_of);
  // Names that say nothing about which buffer leave adjacency alone.
  const model::FunctionContract* copy = fn("blob_copy");
  ASSERT_TRUE(copy && copy->params.count("src") && copy->params.at("src").len);
  EXPECT_EQ(copy->params.at("src").len->value.param, "n");
  EXPECT_EQ(copy->params.at("dst").len->value.param, "dst_len");
}

// Allocator callbacks and the callbacks' context get NULL: a harness callback does nothing, and
// a do-nothing allocator would make every allocation of the instance fail.
TEST_F(Naming, AllocatorCallbacksAndTheCallbacksContextAreNull) {
  const model::FunctionContract* create = fn("builder_create_instance");
  ASSERT_TRUE(create);
  for (const char* p : {"alloc_func", "free_func", "opaque"}) {
    ASSERT_TRUE(create->params.count(p) && create->params.at(p).value) << p;
    EXPECT_EQ(create->params.at(p).value->value, "0") << p;
    ASSERT_TRUE(create->params.at(p).fixed) << p;
    EXPECT_EQ(create->params.at(p).fixed->integer, 0) << p;
  }
  const model::FunctionContract* visit = fn("builder_visit");
  ASSERT_TRUE(visit && visit->params.count("user_data") && visit->params.at("user_data").value);
  EXPECT_FALSE(visit->params.count("visit") && visit->params.at("visit").value) << "a visitor is not an allocator";
  const model::FunctionContract* attach = fn("builder_attach");
  EXPECT_FALSE(attach && attach->params.count("opaque") && attach->params.at("opaque").value);
}

// c-ares' (abuf, alen): a short prefix glued to "len" names a length as well as "len" does.
TEST(LengthWords, AShortPrefixGluedToLenIsALength) {
  for (const char* name : {"len", "alen", "qlen", "inlen", "outlen", "buflen", "sourceLen", "dict_length", "size"})
    EXPECT_TRUE(is_length_word_name(name)) << name;
  for (const char* name : {"flags", "filename", "length_hint_mode", "lenient", "galena", "allen_key"})
    EXPECT_FALSE(is_length_word_name(name)) << name;
}

TEST_F(Naming, ConstCharPointerIsACString) {
  EXPECT_TRUE(fn("builder_new")->params.at("name").cstring->value);
  EXPECT_TRUE(fn("config_open")->params.at("path").cstring->value);
  // ... unless it is the buffer of a (ptr, len) pair (builder_write's data is uint8_t anyway).
  EXPECT_FALSE(fn("builder_write")->params.at("data").cstring);
}

TEST_F(Naming, PointerToOpaqueStructIsAHandle) {
  EXPECT_EQ(fn("builder_free")->params.at("b").handle->value, "struct Builder");
  EXPECT_EQ(fn("builder_new")->ret.handle->value, "struct Builder");
  EXPECT_EQ(fn("widget_destroy")->params.at("w").handle->value, "struct Widget");
  // struct config is complete: not an opaque handle.
  EXPECT_FALSE(fn("config_close")->params.at("c").handle);
}

// giflib's shape: DGifCloseFile(GifFileType *) closes the file though its verb is mid-name (the
// word after it names the type); DGifOpenFileName opens one. A name's verb deeper in is a role
// only so: XML_SetEndElementHandler keeps "end" a noun.
TEST_F(Naming, AVerbMidNameIsARoleWhenTheWordAfterItNamesTheType) {
  EXPECT_EQ(owner("RPageOpenFile"), "RPageCloseFile");
  EXPECT_EQ(owner("WPageOpenFile"), "WPageCloseFile");
  EXPECT_TRUE(fn("RPageCloseFile")->params.at("f").releases->value);
  const std::vector<std::string> parser = {"xml", "parser"};
  EXPECT_EQ(name_parts("XML_SetEndElementHandler", parser).role, NameRole::None);
  EXPECT_EQ(name_parts("DGifCloseFile", {"gif", "file", "type"}).role, NameRole::Releaser);
  EXPECT_EQ(name_parts("DGifCloseFile", {"gif", "file", "type"}).stem, "d_gif_file");
}

// Named like releasers, releasing nothing of what they take: a struct's field (GifFreeSavedImages
// frees GifFile->SavedImages), a count (GifFreeExtensions(int *count, ...)), or returning
// something else (json_object_iter_end returns an iterator).
TEST_F(Naming, ReleaserNamesThatFreeAPartACountOrReturnSomethingElseReleaseNothing) {
  for (const char* name : {"PageFreeMarks", "PageFreeIndex", "page_iter_end"}) {
    const model::FunctionContract* f = fn(name);
    if (!f) continue;  // nothing inferred at all: no releases either
    for (const auto& [param, pc] : f->params) EXPECT_FALSE(pc.releases) << name << " " << param;
  }
  EXPECT_FALSE(fn("PageFreeMarks") && fn("PageFreeMarks")->params.count("f") &&
               fn("PageFreeMarks")->params.at("f").releases);
}

// Two APIs over one type by their first word, each with its releaser: a function named for one
// takes only its objects (made_by); one named for neither (PageCountMarks) takes any.
TEST_F(Naming, TwoAPIsOverOneTypeTakeOnlyTheirOwnObjects) {
  ASSERT_TRUE(fn("RPageGetLine") && fn("RPageGetLine")->params.count("f"));
  ASSERT_TRUE(fn("RPageGetLine")->params.at("f").made_by);
  EXPECT_EQ(fn("RPageGetLine")->params.at("f").made_by->value, std::vector<std::string>{"RPageOpenFile"});
  ASSERT_TRUE(fn("WPageCloseFile")->params.at("f").made_by);
  EXPECT_EQ(fn("WPageCloseFile")->params.at("f").made_by->value, std::vector<std::string>{"WPageOpenFile"});
  EXPECT_FALSE(fn("PageCountMarks") && fn("PageCountMarks")->params.count("f") &&
               fn("PageCountMarks")->params.at("f").made_by);
}

// Unnamed parameters (libzip's header names none), by types and function names alone:
// - a pointer and the unsigned size-wide integer after it are a buffer and its length, not a
//   char * (a file name: arch_src_file_create(const char *, arch_u64 start, ...));
// - a void * beside a callback is the callback's context (NULL);
// - a close that undoes an open of an object another releaser ends (arch_src_close after
//   arch_src_open; arch_src_free ends it) releases nothing, nor does a delete of an index inside
//   an opaque object (arch_delete); discard releases, keep retains.
// Each is keyed #N, as contracts name an unnamed parameter.
TEST_F(Naming, UnnamedParametersAreReadByTheirTypes) {
  ASSERT_TRUE(fn("arch_read") && fn("arch_read")->params.count("#2"));
  ASSERT_TRUE(fn("arch_read")->params.at("#2").len);
  EXPECT_EQ(fn("arch_read")->params.at("#2").len->value.param, "#3");
  ASSERT_TRUE(fn("arch_src_buffer_create")->params.at("#1").len);
  EXPECT_EQ(fn("arch_src_buffer_create")->params.at("#1").len->value.param, "#2");
  const model::FunctionContract* file = fn("arch_src_file_create");
  EXPECT_FALSE(file && file->params.count("#1") && file->params.at("#1").len);
  ASSERT_TRUE(fn("arch_src_function_create")->params.count("#2"));
  ASSERT_TRUE(fn("arch_src_function_create")->params.at("#2").value);
  EXPECT_EQ(fn("arch_src_function_create")->params.at("#2").value->value, "0");
  auto releases = [](const char* name) {
    const model::FunctionContract* f = fn(name);
    return f && f->params.count("#1") && f->params.at("#1").releases && f->params.at("#1").releases->value;
  };
  EXPECT_TRUE(releases("arch_close"));
  EXPECT_TRUE(releases("arch_discard"));
  EXPECT_TRUE(releases("arch_src_free"));
  EXPECT_FALSE(releases("arch_src_close"));
  EXPECT_FALSE(releases("arch_delete"));
  EXPECT_EQ(owner("arch_src_buffer_create"), "arch_src_free");
  // Of arch_close (int: it fails and keeps the archive when it cannot write it) and
  // arch_discard (void), the one that cannot fail ends what arch_open made.
  EXPECT_EQ(owner("arch_open"), "arch_discard");
  EXPECT_EQ(name_parts("arch_src_keep").role, NameRole::Retainer);
  ASSERT_TRUE(fn("arch_fdopen") && fn("arch_fdopen")->skip);  // its unnamed int is a descriptor, by fdopen
  EXPECT_FALSE(fn("arch_open") && fn("arch_open")->skip);
  EXPECT_EQ(name_parts("arch_error_fini").role, NameRole::Releaser);
}

// A parameter named like a file gets a path in the scratch folder (emptied after every input);
// two words as well as one: giflib's EGifOpenFileName(const char *GifFileName, bool
// GifTestExistence, ...) otherwise created "lhelo" in the worker's folder, and the next input's
// exclusive open failed on it.
TEST(PathWords, AFileNameInOneOrTwoWordsIsAPath) {
  for (const char* name : {"path", "filename", "GifFileName", "file_name", "out_file", "dir_name", "PathName"})
    EXPECT_TRUE(is_path_name(name)) << name;
  for (const char* name : {"name", "profile", "file_contents", "user_name", "filename_len"})
    EXPECT_FALSE(is_path_name(name)) << name;
}

// gzdopen(int fd), DGifOpenFileHandle(int GifFileHandle): a made-up descriptor is the harness's
// own stdout or none; skipped by default with the reason.
TEST_F(Naming, AFunctionTakingAFileDescriptorIsSkipped) {
  ASSERT_TRUE(fn("RPageOpenFd") && fn("RPageOpenFd")->skip);
  EXPECT_NE(fn("RPageOpenFd")->skip->value.find("file descriptor (fd)"), std::string::npos);
  // Unnamed, by the function's name (libmagic's magic_descriptor(magic_t, int)).
  ASSERT_TRUE(fn("RPageReadDescriptor") && fn("RPageReadDescriptor")->skip);
  EXPECT_NE(fn("RPageReadDescriptor")->skip->value.find("file descriptor (#2)"), std::string::npos);
  // Named otherwise, the one int of a function named for a descriptor (jansson's json_loadfd).
  ASSERT_TRUE(fn("arch_loadfd") && fn("arch_loadfd")->skip);
  EXPECT_NE(fn("arch_loadfd")->skip->value.find("file descriptor (input)"), std::string::npos);
  for (const char* name : {"fd", "sockfd", "infd", "fildes", "GifFileHandle", "file_handle"})
    EXPECT_TRUE(is_file_descriptor_name(name)) << name;
  for (const char* name : {"handle", "fdata", "hfd_count", "offset", "buf"})
    EXPECT_FALSE(is_file_descriptor_name(name)) << name;
}

// zlib's inflateInit_(strm, version, stream_size): `stream_size` names strm's struct, not the
// version string: it is that struct's sizeof, fixed, and version stays a C string.
TEST_F(Naming, ASizeNamedForAnotherParametersStructIsItsSizeof) {
  const model::FunctionContract* f = fn("flowInit_");
  ASSERT_TRUE(f && f->params.count("stream_size") && f->params.at("stream_size").value);
  EXPECT_EQ(f->params.at("stream_size").value->value, "16");
  EXPECT_FALSE(f->params.at("stream_size").length_of);
  ASSERT_TRUE(f->params.count("version") && f->params.at("version").cstring);
  EXPECT_FALSE(f->params.at("version").len);
}

// libpng's png_info_init_3(png_infopp info_ptr, size_t png_info_struct_size): a T ** of an
// opaque T is storage for a handle, never a buffer the size beside it measures (fuzz bytes
// there were pointers libpng followed: a bug filed after 364 executions).
TEST_F(Naming, StorageForAHandleIsNoBuffer) {
  const model::FunctionContract* f = fn("arch_info_init");
  ASSERT_TRUE(f && f->params.count("info_ptr"));
  EXPECT_FALSE(f->params.at("info_ptr").len);
  ASSERT_TRUE(f->params.at("info_ptr").direction);
  EXPECT_EQ(f->params.at("info_ptr").direction->value, model::Direction::Out);
}

// png_sig_cmp(sig, size_t start, size_t num_to_check): a size_t named start is where to start.
TEST_F(Naming, AStartIsNoLength) {
  const model::FunctionContract* f = fn("arch_sig_cmp");
  EXPECT_FALSE(f && f->params.count("sig") && f->params.at("sig").len);
  EXPECT_FALSE(f && f->params.count("start") && f->params.at("start").length_of);
}

// _cbor_map_add_key: a leading underscore names the library's internal API, skipped by default
// with the reason (its callers keep invariants the header does not state).
TEST_F(Naming, ALeadingUnderscoreNamesInternalApiThatIsSkipped) {
  ASSERT_TRUE(fn("_arch_add_key") && fn("_arch_add_key")->skip);
  EXPECT_NE(fn("_arch_add_key")->skip->value.find("internal API"), std::string::npos);
  EXPECT_FALSE(fn("arch_delete") && fn("arch_delete")->skip);
}

TEST_F(Naming, AReleaseOfWhatAPointerToPointersHoldsIsSkippedNotGivenStorage) {
  ASSERT_TRUE(fn("arch_src_release_parts") && fn("arch_src_release_parts")->skip);
  EXPECT_NE(fn("arch_src_release_parts")->skip->value.find("releases what its parts points at"), std::string::npos);
  EXPECT_FALSE(fn("arch_src_release_parts")->params.count("parts") &&
               fn("arch_src_release_parts")->params.at("parts").direction);
}

TEST_F(Naming, ACheckVersionIsTheLibrarysInitGivenNull) {
  const model::FunctionContract* f = fn("arch_check_version");
  ASSERT_TRUE(f && f->init_once && f->init_once->value);
  ASSERT_TRUE(f->params.count("req_version") && f->params.at("req_version").value);
  EXPECT_EQ(f->params.at("req_version").value->value, "0");
}

TEST_F(Naming, APrintfFormatParameterSkipsItsFunction) {
  ASSERT_TRUE(fn("arch_set_number_format") && fn("arch_set_number_format")->skip);
  EXPECT_NE(fn("arch_set_number_format")->skip->value.find("takes a printf format (number_format)"), std::string::npos);
  EXPECT_FALSE(fn("arch_set_label") && fn("arch_set_label")->skip);
}

}  // namespace
}  // namespace ffifuzz::contract
