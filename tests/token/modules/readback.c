/* A PKCS#11 module over a real one (READBACK_REAL_MODULE, e.g. SoftHSM2) that hands every
 * call to it, except that reading CKA_VALUE of an object whose CKA_LABEL starts with
 * "read-back-differs" gives the value with its last byte changed: a key that does not
 * keep what it was given, for tests of the key layer's write-verify-replace. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "netca_vkey.h" /* the platform macros, then OASIS pkcs11.h */

#define MARK "read-back-differs"

static CK_FUNCTION_LIST shim;
static CK_FUNCTION_LIST_PTR real;

static int marked(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object)
{
    char label[256];
    CK_ATTRIBUTE wanted = {CKA_LABEL, label, sizeof label};
    if (real->C_GetAttributeValue(session, object, &wanted, 1) != CKR_OK)
        return 0;
    return wanted.ulValueLen >= strlen(MARK) && memcmp(label, MARK, strlen(MARK)) == 0;
}

static CK_RV get_attribute_value(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                 CK_ATTRIBUTE_PTR template, CK_ULONG count)
{
    CK_RV rv = real->C_GetAttributeValue(session, object, template, count);
    if (rv != CKR_OK)
        return rv;
    for (CK_ULONG i = 0; i < count; i++) {
        CK_ATTRIBUTE_PTR attribute = &template[i];
        if (attribute->type != CKA_VALUE || attribute->pValue == NULL_PTR ||
            attribute->ulValueLen == 0 || attribute->ulValueLen == CK_UNAVAILABLE_INFORMATION)
            continue;
        if (marked(session, object))
            ((CK_BYTE_PTR)attribute->pValue)[attribute->ulValueLen - 1] ^= 0x01;
    }
    return rv;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    if (real == NULL_PTR) {
        const char *path = getenv("READBACK_REAL_MODULE");
        void *module = path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
        CK_C_GetFunctionList get = module ? (CK_C_GetFunctionList)dlsym(module, "C_GetFunctionList") : NULL;
        if (get == NULL_PTR || get(&real) != CKR_OK)
            return CKR_GENERAL_ERROR;
        shim = *real;
        shim.C_GetAttributeValue = get_attribute_value;
    }
    *list = &shim;
    return CKR_OK;
}
