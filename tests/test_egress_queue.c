#include "tb.h"
static void test_test_egress_queue_stub(void **s) { (void)s; }
static const struct CMUnitTest tests[] = { cmocka_unit_test(test_test_egress_queue_stub) };
TB_MAIN("test_egress_queue", tests)
