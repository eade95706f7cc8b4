/**
 * Reading PyTorch {@code torch.save} checkpoints (the zip format of PyTorch 1.6+) without Python.
 *
 * <h2>Threat model</h2>
 * A {@code .pt} file is a zip whose {@code data.pkl} is a Python pickle, and a pickle is a program: its
 * GLOBAL opcode imports any function by name and REDUCE calls it with arguments the file chooses. Loading
 * an untrusted checkpoint with {@code torch.load} (without {@code weights_only=True}) can therefore run
 * {@code os.system("...")}. Checkpoints are routinely downloaded from strangers, so this package treats
 * every file as hostile:
 * <ul>
 *   <li>{@code RestrictedUnpickler} is our own pickle VM. It implements only the opcodes
 *       torch.save writes for tensors and plain containers and refuses every other opcode by name and
 *       offset.</li>
 *   <li>GLOBAL names are checked against a short allowlist ({@code collections.OrderedDict}, the
 *       {@code torch._utils} tensor/parameter rebuild functions, {@code torch.*Storage} types,
 *       {@code torch.device}, dtypes). Anything else ({@code os.system}, {@code builtins.eval}, a
 *       training script's {@code __main__.Net}, a pickled {@code torch.nn} module) is refused with a
 *       message that names it. Nothing is ever looked up by reflection or called: an allowed name maps to
 *       a Java method of ours that checks its argument types and counts and builds inert data.</li>
 *   <li>Storages are resolved against the zip's own {@code data/<key>} entries, whose sizes must match the
 *       declared element counts; every tensor view is bounds-checked against its storage before any data
 *       is read.</li>
 *   <li>Resources are bounded: zip entry count, pickle size, values built by the pickle, tensor count;
 *       entries are read no further than their declared size and must deliver exactly that many bytes (zip
 *       bombs and lying headers fail).</li>
 *   <li>Every failure surfaces as a one-line {@link org.lmcx.model.InvalidModelException} starting with the
 *       file name; no other exception escapes.</li>
 * </ul>
 * Not supported (refused with a message): the legacy pre-1.6 format, TorchScript archives, big-endian
 * storages, quantized/complex/sparse tensors, and pickled objects other than dicts of tensors.
 */
package org.lmcx.io.torch;
