/* netca_vkey.h - public interface of libnetca-vkey.so, the virtual USB key.
 *
 * Includes the OASIS PKCS #11 v2.40 headers with the platform macros for
 * Unix-like systems, and declares the vendor function that reports PIN tries.
 */
#ifndef NETCA_VKEY_H
#define NETCA_VKEY_H 1

#define CK_PTR *
#define CK_DECLARE_FUNCTION(returnType, name) \
    __attribute__((visibility("default"))) returnType name
#define CK_DECLARE_FUNCTION_POINTER(returnType, name) returnType(*name)
#define CK_CALLBACK_FUNCTION(returnType, name) returnType(*name)
#ifndef NULL_PTR
#define NULL_PTR 0
#endif

#include "pkcs11.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Tries left and maximum tries of a token's user PIN and SO PIN. */
typedef struct NETCA_PIN_RETRY_INFO {
    CK_ULONG ulUserTriesLeft;
    CK_ULONG ulUserMaxTries;
    CK_ULONG ulSoTriesLeft;
    CK_ULONG ulSoMaxTries;
} NETCA_PIN_RETRY_INFO;

/* Reads the PIN retry counters of the token plugged into slotID.
 * Returns CKR_OK, CKR_ARGUMENTS_BAD (pInfo is NULL), CKR_SLOT_ID_INVALID,
 * CKR_TOKEN_NOT_PRESENT, CKR_CRYPTOKI_NOT_INITIALIZED, or CKR_DEVICE_ERROR
 * when the counter file cannot be read. */
CK_DECLARE_FUNCTION(CK_RV, NETCA_GetPinRetryInfo)(CK_SLOT_ID slotID, NETCA_PIN_RETRY_INFO *pInfo);

typedef CK_RV (*NETCA_GetPinRetryInfo_t)(CK_SLOT_ID slotID, NETCA_PIN_RETRY_INFO *pInfo);

/* SM2 mechanisms (the Sansec-family ids of swpkcs11.h; profile "sansec" in
 * drivers/models.toml, docs/gm.md). Keys are CKK_EC with CKA_EC_PARAMS the SM2
 * curve OID 1.2.156.10197.1.301. Signatures use SM3 and the ID 1234567812345678:
 *   NETCA_CKM_SM2_KEY_PAIR_GEN  key pair generation (no parameter)
 *   NETCA_CKM_SM3_SM2_ID        C_Sign over the message, r||s (64 bytes)
 *   NETCA_CKM_SM3_SM2_ID_DER    C_Sign over the message, DER SEQUENCE { r, s }
 *   NETCA_CKM_SM2_SIGN          C_Sign over e = SM3(Z_A || M) (32 bytes), r||s
 * Single-part C_Sign only. ECDSA on an SM2 key answers CKR_KEY_TYPE_INCONSISTENT. */
#define NETCA_CKM_SM2_KEY_PAIR_GEN 0x80008001UL
#define NETCA_CKM_SM3_SM2_ID 0x80008102UL
#define NETCA_CKM_SM3_SM2_ID_DER 0x80008103UL
#define NETCA_CKM_SM2_SIGN 0x80008104UL

#ifdef __cplusplus
}
#endif

#endif /* NETCA_VKEY_H */
