#include "tb.h"
static void test_test_group_sram_stub(void **s) { (void)s; }
static const struct CMUnitTest tests[] = { cmocka_unit_test(test_test_group_sram_stub) };
TB_MAIN("test_group_sram", tests)
