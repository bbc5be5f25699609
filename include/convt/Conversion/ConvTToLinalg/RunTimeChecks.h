//===- RunTimeChecks.h - messages of failed run-time checks -----*- C++ -*-===//
//
// convt-to-linalg checks at run time (cf.assert) what the verifier cannot see
// in dynamic sizes; a failed check prints its message and aborts. Tools that
// add checks of their own word them the same way.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_CONVERSION_CONVTTOLINALG_RUNTIMECHECKS_H
#define CONVT_CONVERSION_CONVTTOLINALG_RUNTIMECHECKS_H

#include "mlir/IR/Location.h"

#include <string>

namespace convt {

/// The message of a failed run-time check of the op at `loc`:
/// "file:line:col: message" (just the message where `loc` names no file).
std::string formatRunTimeCheckMessage(mlir::Location loc,
                                      const llvm::Twine &message);

} // namespace convt

#endif // CONVT_CONVERSION_CONVTTOLINALG_RUNTIMECHECKS_H
