#include "tb.h"
static void test_test_replicator_stub(void **s) { (void)s; }
static const struct CMUnitTest tests[] = { cmocka_unit_test(test_test_replicator_stub) };
TB_MAIN("test_replicator", tests)
