#include "tb.h"
static void test_test_spec_traffic_stub(void **s) { (void)s; }
static const struct CMUnitTest tests[] = { cmocka_unit_test(test_test_spec_traffic_stub) };
TB_MAIN("test_spec_traffic", tests)
