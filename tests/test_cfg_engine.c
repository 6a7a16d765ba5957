#include "tb.h"
static void test_test_cfg_engine_stub(void **s) { (void)s; }
static const struct CMUnitTest tests[] = { cmocka_unit_test(test_test_cfg_engine_stub) };
TB_MAIN("test_cfg_engine", tests)
