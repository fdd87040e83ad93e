# The committed seed corpora (corpus/<target>/) are what `ffifuzz seeds` writes today: a
# change to the zoo, the contracts or the program text form must regenerate them
# (scripts/make-seed-corpus.sh).
if(FFIFUZZ_BUILD_ZOO)
  add_test(NAME seed_corpus_is_current
           COMMAND bash -c "rm -rf '${CMAKE_CURRENT_BINARY_DIR}/seed-corpus' && \
'${PROJECT_SOURCE_DIR}/scripts/make-seed-corpus.sh' '${CMAKE_BINARY_DIR}' '${CMAKE_CURRENT_BINARY_DIR}/seed-corpus' && \
diff -ru '${PROJECT_SOURCE_DIR}/corpus' '${CMAKE_CURRENT_BINARY_DIR}/seed-corpus' || \
{ echo 'corpus/ differs from what ffifuzz seeds writes now: run scripts/make-seed-corpus.sh'; exit 1; }")
  set_tests_properties(seed_corpus_is_current PROPERTIES LABELS e2e)
endif()
