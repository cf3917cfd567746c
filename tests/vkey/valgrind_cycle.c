/* valgrind_cycle.c - one basic cycle through libnetca-vkey.so, run under valgrind
 * by test_valgrind.py: initialise, list, open, wrong PIN, read retry info, log in,
 * sign with the RSA key labelled "k1", log out; then unplug the key under an open
 * session (tombstone), create a second key while initialised (SoftHSM2 is
 * re-initialised inside the module), finalise.
 * Usage: valgrind_cycle MODULE PIN UNPLUG-COMMAND CREATE-COMMAND */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netca_vkey.h"

#define CHECK(call)                                                          \
    do {                                                                     \
        CK_RV rv_ = (call);                                                  \
        if (rv_ != CKR_OK) {                                                 \
            fprintf(stderr, "%s failed: 0x%lx\n", #call, (unsigned long)rv_); \
            return 1;                                                        \
        }                                                                    \
    } while (0)

int main(int argc, char **argv)
{
    if (argc != 5)
        return 2;
    void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (module == NULL)
        return 2;
    CK_C_GetFunctionList get_list;
    NETCA_GetPinRetryInfo_t retry_info;
    *(void **)&get_list = dlsym(module, "C_GetFunctionList");
    *(void **)&retry_info = dlsym(module, "NETCA_GetPinRetryInfo");
    CK_FUNCTION_LIST_PTR p11;
    CHECK(get_list(&p11));
    CHECK(p11->C_Initialize(NULL_PTR));

    CK_SLOT_ID slots[8];
    CK_ULONG count = 8;
    CHECK(p11->C_GetSlotList(CK_TRUE, slots, &count));
    if (count != 1)
        return 3;
    CK_TOKEN_INFO info;
    CHECK(p11->C_GetTokenInfo(slots[0], &info));

    CK_SESSION_HANDLE session;
    CHECK(p11->C_OpenSession(slots[0], CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL_PTR, NULL_PTR,
                             &session));
    if (p11->C_Login(session, CKU_USER, (CK_UTF8CHAR_PTR) "wrong-pin", 9) != CKR_PIN_INCORRECT)
        return 4;
    NETCA_PIN_RETRY_INFO tries;
    CHECK(retry_info(slots[0], &tries));
    if (tries.ulUserTriesLeft != tries.ulUserMaxTries - 1)
        return 5;
    CHECK(p11->C_Login(session, CKU_USER, (CK_UTF8CHAR_PTR)argv[2], strlen(argv[2])));

    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE find[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_LABEL, "k1", 2}};
    CK_OBJECT_HANDLE key;
    CK_ULONG found = 0;
    CHECK(p11->C_FindObjectsInit(session, find, 2));
    CHECK(p11->C_FindObjects(session, &key, 1, &found));
    CHECK(p11->C_FindObjectsFinal(session));
    if (found != 1)
        return 6;

    CK_MECHANISM mech = {CKM_SHA256_RSA_PKCS, NULL_PTR, 0};
    CK_BYTE data[] = "netca vkey valgrind", signature[512];
    CK_ULONG signature_len = sizeof signature;
    CHECK(p11->C_SignInit(session, &mech, key));
    CHECK(p11->C_Sign(session, data, sizeof data - 1, signature, &signature_len));
    if (signature_len != 256)
        return 7;

    CHECK(p11->C_Logout(session));

    /* Unplugged under an open session: it answers CKR_DEVICE_REMOVED, closes OK. */
    if (system(argv[3]) != 0)
        return 8;
    CK_BYTE random[8];
    if (p11->C_GenerateRandom(session, random, sizeof random) != CKR_DEVICE_REMOVED)
        return 9;
    CHECK(p11->C_CloseSession(session));
    if (p11->C_CloseSession(session) != CKR_SESSION_HANDLE_INVALID)
        return 10;

    /* A key created now appears without the application re-initialising. */
    if (system(argv[4]) != 0)
        return 11;
    count = 8;
    CHECK(p11->C_GetSlotList(CK_TRUE, slots, &count));
    if (count != 1)
        return 12;
    CHECK(p11->C_GetTokenInfo(slots[0], &info));
    if (memcmp(info.label, "bob ", 4) != 0)
        return 13;
    CHECK(p11->C_Finalize(NULL_PTR));
    dlclose(module);
    printf("cycle ok\n");
    return 0;
}
