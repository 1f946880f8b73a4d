#ifndef IDEATE_CQRENCODE_SHIM_H
#define IDEATE_CQRENCODE_SHIM_H

// libqrencode (Debian: libqrencode-dev): the lobby's QR code for joining from a phone.
#include <qrencode.h>

#endif
