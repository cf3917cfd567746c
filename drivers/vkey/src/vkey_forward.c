/* vkey_forward.c - session-level PKCS#11 functions: each checks that the
 * session's key is still plugged, then forwards to SoftHSM2 with SoftHSM2's
 * session handle. Login and PIN changes also keep the retry counters.
 */
#include <string.h>

#include "vkey_internal.h"

/* Defines a function that forwards to SoftHSM2 unchanged but for the session
 * handle: ARGS names `hh` where SoftHSM2's handle goes. */
#define VKEY_FORWARD(name, params, args)                 \
    CK_RV name params                                    \
    {                                                    \
        vkey_session s;                                  \
        CK_RV rv = vkey_session_begin(hSession, &s);     \
        if (rv != CKR_OK)                                \
            return rv;                                   \
        CK_SESSION_HANDLE hh = s.hsm_handle;             \
        return vkey_session_end(hSession, g_vkey.hsm->name args); \
    }

/* clang-format off */
VKEY_FORWARD(C_GetOperationState, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState, CK_ULONG_PTR pulOperationStateLen), (hh, pOperationState, pulOperationStateLen))
VKEY_FORWARD(C_SetOperationState, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState, CK_ULONG ulOperationStateLen, CK_OBJECT_HANDLE hEncryptionKey, CK_OBJECT_HANDLE hAuthenticationKey), (hh, pOperationState, ulOperationStateLen, hEncryptionKey, hAuthenticationKey))
VKEY_FORWARD(C_Logout, (CK_SESSION_HANDLE hSession), (hh))
VKEY_FORWARD(C_CreateObject, (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phObject), (hh, pTemplate, ulCount, phObject))
VKEY_FORWARD(C_CopyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phNewObject), (hh, hObject, pTemplate, ulCount, phNewObject))
VKEY_FORWARD(C_DestroyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject), (hh, hObject))
VKEY_FORWARD(C_GetObjectSize, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ULONG_PTR pulSize), (hh, hObject, pulSize))
VKEY_FORWARD(C_SetAttributeValue, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount), (hh, hObject, pTemplate, ulCount))
VKEY_FORWARD(C_FindObjectsInit, (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount), (hh, pTemplate, ulCount))
VKEY_FORWARD(C_FindObjects, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE_PTR phObject, CK_ULONG ulMaxObjectCount, CK_ULONG_PTR pulObjectCount), (hh, phObject, ulMaxObjectCount, pulObjectCount))
VKEY_FORWARD(C_FindObjectsFinal, (CK_SESSION_HANDLE hSession), (hh))
VKEY_FORWARD(C_EncryptInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey), (hh, pMechanism, hKey))
VKEY_FORWARD(C_Encrypt, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pEncryptedData, CK_ULONG_PTR pulEncryptedDataLen), (hh, pData, ulDataLen, pEncryptedData, pulEncryptedDataLen))
VKEY_FORWARD(C_EncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen), (hh, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
VKEY_FORWARD(C_EncryptFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastEncryptedPart, CK_ULONG_PTR pulLastEncryptedPartLen), (hh, pLastEncryptedPart, pulLastEncryptedPartLen))
VKEY_FORWARD(C_DecryptInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey), (hh, pMechanism, hKey))
VKEY_FORWARD(C_Decrypt, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedData, CK_ULONG ulEncryptedDataLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen), (hh, pEncryptedData, ulEncryptedDataLen, pData, pulDataLen))
VKEY_FORWARD(C_DecryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, CK_ULONG_PTR pulPartLen), (hh, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
VKEY_FORWARD(C_DecryptFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastPart, CK_ULONG_PTR pulLastPartLen), (hh, pLastPart, pulLastPartLen))
VKEY_FORWARD(C_DigestInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism), (hh, pMechanism))
VKEY_FORWARD(C_Digest, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pDigest, CK_ULONG_PTR pulDigestLen), (hh, pData, ulDataLen, pDigest, pulDigestLen))
VKEY_FORWARD(C_DigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen), (hh, pPart, ulPartLen))
VKEY_FORWARD(C_DigestKey, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hKey), (hh, hKey))
VKEY_FORWARD(C_DigestFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pDigest, CK_ULONG_PTR pulDigestLen), (hh, pDigest, pulDigestLen))
VKEY_FORWARD(C_SignRecoverInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey), (hh, pMechanism, hKey))
VKEY_FORWARD(C_SignRecover, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen), (hh, pData, ulDataLen, pSignature, pulSignatureLen))
VKEY_FORWARD(C_VerifyInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey), (hh, pMechanism, hKey))
VKEY_FORWARD(C_Verify, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen), (hh, pData, ulDataLen, pSignature, ulSignatureLen))
VKEY_FORWARD(C_VerifyUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen), (hh, pPart, ulPartLen))
VKEY_FORWARD(C_VerifyFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen), (hh, pSignature, ulSignatureLen))
VKEY_FORWARD(C_VerifyRecoverInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey), (hh, pMechanism, hKey))
VKEY_FORWARD(C_VerifyRecover, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen), (hh, pSignature, ulSignatureLen, pData, pulDataLen))
VKEY_FORWARD(C_DigestEncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen), (hh, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
VKEY_FORWARD(C_DecryptDigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, CK_ULONG_PTR pulPartLen), (hh, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
VKEY_FORWARD(C_SignEncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen), (hh, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
VKEY_FORWARD(C_DecryptVerifyUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, CK_ULONG_PTR pulPartLen), (hh, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
VKEY_FORWARD(C_GenerateKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phKey), (hh, pMechanism, pTemplate, ulCount, phKey))
VKEY_FORWARD(C_UnwrapKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hUnwrappingKey, CK_BYTE_PTR pWrappedKey, CK_ULONG ulWrappedKeyLen, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey), (hh, pMechanism, hUnwrappingKey, pWrappedKey, ulWrappedKeyLen, pTemplate, ulAttributeCount, phKey))
VKEY_FORWARD(C_DeriveKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hBaseKey, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey), (hh, pMechanism, hBaseKey, pTemplate, ulAttributeCount, phKey))
VKEY_FORWARD(C_SeedRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSeed, CK_ULONG ulSeedLen), (hh, pSeed, ulSeedLen))
VKEY_FORWARD(C_GenerateRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR RandomData, CK_ULONG ulRandomLen), (hh, RandomData, ulRandomLen))
VKEY_FORWARD(C_GetFunctionStatus, (CK_SESSION_HANDLE hSession), (hh))
VKEY_FORWARD(C_CancelFunction, (CK_SESSION_HANDLE hSession), (hh))
/* clang-format on */

/* --- calls that know SM2 (vkey_sm2.c) --------------------------------- */

CK_RV C_GetAttributeValue(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                          CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount)
{
    vkey_session s;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    rv = g_vkey.hsm->C_GetAttributeValue(s.hsm_handle, hObject, pTemplate, ulCount);
    return vkey_session_end(hSession, vkey_sm2_hide(s.hsm_handle, hObject, pTemplate, ulCount, rv));
}

CK_RV C_GenerateKeyPair(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                        CK_ATTRIBUTE_PTR pPublicKeyTemplate, CK_ULONG ulPublicKeyAttributeCount,
                        CK_ATTRIBUTE_PTR pPrivateKeyTemplate, CK_ULONG ulPrivateKeyAttributeCount,
                        CK_OBJECT_HANDLE_PTR phPublicKey, CK_OBJECT_HANDLE_PTR phPrivateKey)
{
    vkey_session s;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    if (vkey_sm2_is_keygen(pMechanism, pPublicKeyTemplate, ulPublicKeyAttributeCount))
        rv = vkey_sm2_generate(s.hsm_handle, pPublicKeyTemplate, ulPublicKeyAttributeCount,
                               pPrivateKeyTemplate, ulPrivateKeyAttributeCount, phPublicKey,
                               phPrivateKey);
    else
        rv = g_vkey.hsm->C_GenerateKeyPair(s.hsm_handle, pMechanism, pPublicKeyTemplate,
                                           ulPublicKeyAttributeCount, pPrivateKeyTemplate,
                                           ulPrivateKeyAttributeCount, phPublicKey, phPrivateKey);
    return vkey_session_end(hSession, rv);
}

/* SM2 mechanisms start an operation of ours; ECDSA on an SM2 key is refused (SoftHSM2
 * would run it and make an ECDSA signature with an SM2 key). */
CK_RV C_SignInit(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey)
{
    vkey_session s;
    CK_OBJECT_CLASS cls = 0;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    if (pMechanism == NULL_PTR) {
        rv = CKR_ARGUMENTS_BAD;
    } else if (s.sm2_mech != 0) {
        rv = CKR_OPERATION_ACTIVE;
    } else if (vkey_sm2_is_sign_mechanism(pMechanism->mechanism)) {
        if (!vkey_sm2_is_sm2_key(s.hsm_handle, hKey, &cls))
            rv = CKR_KEY_TYPE_INCONSISTENT;
        else if (cls != CKO_PRIVATE_KEY)
            rv = CKR_KEY_FUNCTION_NOT_PERMITTED;
        else
            vkey_session_set_sm2(hSession, pMechanism->mechanism, hKey);
    } else if (vkey_is_ecdsa(pMechanism->mechanism) &&
               vkey_sm2_is_sm2_key(s.hsm_handle, hKey, &cls)) {
        rv = CKR_KEY_TYPE_INCONSISTENT;
    } else {
        rv = g_vkey.hsm->C_SignInit(s.hsm_handle, pMechanism, hKey);
    }
    return vkey_session_end(hSession, rv);
}

CK_RV C_Sign(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
             CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen)
{
    vkey_session s;
    int keep = 0;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    if (s.sm2_mech == 0)
        return vkey_session_end(hSession, g_vkey.hsm->C_Sign(s.hsm_handle, pData, ulDataLen,
                                                             pSignature, pulSignatureLen));
    rv = vkey_sm2_sign(s.hsm_handle, s.sm2_key, s.sm2_mech, pData, ulDataLen, pSignature,
                       pulSignatureLen, &keep);
    if (!keep)
        vkey_session_set_sm2(hSession, 0, 0);
    return vkey_session_end(hSession, rv);
}

/* The SM2 mechanisms are single-part: a multi-part call ends the operation. */
CK_RV C_SignUpdate(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen)
{
    vkey_session s;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    if (s.sm2_mech == 0)
        return vkey_session_end(hSession,
                                g_vkey.hsm->C_SignUpdate(s.hsm_handle, pPart, ulPartLen));
    vkey_session_set_sm2(hSession, 0, 0);
    return vkey_session_end(hSession, CKR_FUNCTION_NOT_SUPPORTED);
}

CK_RV C_SignFinal(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen)
{
    vkey_session s;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    if (s.sm2_mech == 0)
        return vkey_session_end(
            hSession, g_vkey.hsm->C_SignFinal(s.hsm_handle, pSignature, pulSignatureLen));
    vkey_session_set_sm2(hSession, 0, 0);
    return vkey_session_end(hSession, CKR_FUNCTION_NOT_SUPPORTED);
}

/* An SM2 private key never leaves the key, whatever SoftHSM2 keeps for us. */
CK_RV C_WrapKey(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                CK_OBJECT_HANDLE hWrappingKey, CK_OBJECT_HANDLE hKey, CK_BYTE_PTR pWrappedKey,
                CK_ULONG_PTR pulWrappedKeyLen)
{
    vkey_session s;
    CK_OBJECT_CLASS cls = 0;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    if (vkey_sm2_is_sm2_key(s.hsm_handle, hKey, &cls) && cls == CKO_PRIVATE_KEY)
        rv = CKR_KEY_UNEXTRACTABLE;
    else
        rv = g_vkey.hsm->C_WrapKey(s.hsm_handle, pMechanism, hWrappingKey, hKey, pWrappedKey,
                                   pulWrappedKeyLen);
    return vkey_session_end(hSession, rv);
}

CK_RV C_GetSessionInfo(CK_SESSION_HANDLE hSession, CK_SESSION_INFO_PTR pInfo)
{
    vkey_session s;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    rv = g_vkey.hsm->C_GetSessionInfo(s.hsm_handle, pInfo);
    if (rv == CKR_OK)
        pInfo->slotID = s.port; /* our port, not SoftHSM2's slot */
    return vkey_session_end(hSession, rv);
}

/* Runs one PIN check under the key's counter lock, so that two processes (or
 * threads) cannot both spend the last try: LOCKED without asking SoftHSM2 at
 * zero, one try less on CKR_PIN_INCORRECT, the maximum again on success. */
typedef CK_RV (*pin_check)(const vkey_session *s, void *args);

static CK_RV counted(const vkey_session *s, int so, pin_check check, void *args)
{
    vkey_counters c;
    CK_RV rv;
    int fd = vkey_store_lock(g_vkey.dir);
    if (fd < 0 || vkey_counters_read(g_vkey.dir, s->serial, &c) != 0) {
        vkey_store_unlock(fd);
        return CKR_DEVICE_ERROR;
    }
    CK_ULONG *left = so ? &c.so_left : &c.user_left;
    CK_ULONG max = so ? c.so_max : c.user_max;
    if (*left == 0) {
        rv = CKR_PIN_LOCKED;
    } else {
        rv = check(s, args);
        if (rv == CKR_PIN_INCORRECT) {
            (*left)--;
            /* A try that cannot be recorded must not be available again. */
            if (vkey_counters_write(g_vkey.dir, s->serial, &c) != 0)
                rv = CKR_DEVICE_ERROR;
        } else if (rv == CKR_OK && *left != max) {
            *left = max;
            vkey_counters_write(g_vkey.dir, s->serial, &c);
        }
    }
    vkey_store_unlock(fd);
    return rv;
}

struct login_args {
    CK_USER_TYPE user_type;
    CK_UTF8CHAR_PTR pin;
    CK_ULONG pin_len;
};

static CK_RV do_login(const vkey_session *s, void *p)
{
    struct login_args *a = p;
    return g_vkey.hsm->C_Login(s->hsm_handle, a->user_type, a->pin, a->pin_len);
}

CK_RV C_Login(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin,
              CK_ULONG ulPinLen)
{
    vkey_session s;
    struct login_args a = {userType, pPin, ulPinLen};
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    /* CKU_CONTEXT_SPECIFIC re-enters the user PIN: it counts as the user's. */
    return vkey_session_end(hSession, counted(&s, userType == CKU_SO, do_login, &a));
}

struct set_pin_args {
    CK_UTF8CHAR_PTR old_pin, new_pin;
    CK_ULONG old_len, new_len;
};

static CK_RV do_set_pin(const vkey_session *s, void *p)
{
    struct set_pin_args *a = p;
    return g_vkey.hsm->C_SetPIN(s->hsm_handle, a->old_pin, a->old_len, a->new_pin, a->new_len);
}

/* Changes the SO PIN in an SO session and the user PIN otherwise (as SoftHSM2
 * and the standard do); a wrong old PIN costs a try of that PIN. */
CK_RV C_SetPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen,
               CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen)
{
    vkey_session s;
    CK_SESSION_INFO info;
    struct set_pin_args a = {pOldPin, pNewPin, ulOldLen, ulNewLen};
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    rv = g_vkey.hsm->C_GetSessionInfo(s.hsm_handle, &info);
    if (rv == CKR_OK)
        rv = counted(&s, info.state == CKS_RW_SO_FUNCTIONS, do_set_pin, &a);
    return vkey_session_end(hSession, rv);
}

/* In an SO session: sets the user PIN, and so unlocks it and resets its count. */
CK_RV C_InitPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen)
{
    vkey_session s;
    vkey_counters c;
    CK_RV rv = vkey_session_begin(hSession, &s);
    if (rv != CKR_OK)
        return rv;
    int fd = vkey_store_lock(g_vkey.dir);
    if (fd < 0 || vkey_counters_read(g_vkey.dir, s.serial, &c) != 0) {
        rv = CKR_DEVICE_ERROR;
    } else {
        rv = g_vkey.hsm->C_InitPIN(s.hsm_handle, pPin, ulPinLen);
        if (rv == CKR_OK) {
            c.user_left = c.user_max;
            if (vkey_counters_write(g_vkey.dir, s.serial, &c) != 0)
                rv = CKR_DEVICE_ERROR;
        }
    }
    vkey_store_unlock(fd);
    return vkey_session_end(hSession, rv);
}

CK_FUNCTION_LIST vkey_function_list = {
    {2, 40},
    C_Initialize, C_Finalize, C_GetInfo, C_GetFunctionList, C_GetSlotList, C_GetSlotInfo,
    C_GetTokenInfo, C_GetMechanismList, C_GetMechanismInfo, C_InitToken, C_InitPIN, C_SetPIN,
    C_OpenSession, C_CloseSession, C_CloseAllSessions, C_GetSessionInfo, C_GetOperationState,
    C_SetOperationState, C_Login, C_Logout, C_CreateObject, C_CopyObject, C_DestroyObject,
    C_GetObjectSize, C_GetAttributeValue, C_SetAttributeValue, C_FindObjectsInit, C_FindObjects,
    C_FindObjectsFinal, C_EncryptInit, C_Encrypt, C_EncryptUpdate, C_EncryptFinal, C_DecryptInit,
    C_Decrypt, C_DecryptUpdate, C_DecryptFinal, C_DigestInit, C_Digest, C_DigestUpdate,
    C_DigestKey, C_DigestFinal, C_SignInit, C_Sign, C_SignUpdate, C_SignFinal, C_SignRecoverInit,
    C_SignRecover, C_VerifyInit, C_Verify, C_VerifyUpdate, C_VerifyFinal, C_VerifyRecoverInit,
    C_VerifyRecover, C_DigestEncryptUpdate, C_DecryptDigestUpdate, C_SignEncryptUpdate,
    C_DecryptVerifyUpdate, C_GenerateKey, C_GenerateKeyPair, C_WrapKey, C_UnwrapKey, C_DeriveKey,
    C_SeedRandom, C_GenerateRandom, C_GetFunctionStatus, C_CancelFunction, C_WaitForSlotEvent,
};
