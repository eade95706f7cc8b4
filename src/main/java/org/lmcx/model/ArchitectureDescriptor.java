package org.lmcx.model;

import java.util.List;

/**
 * The user-facing description of an architecture, exactly as it appears in descriptor JSON (see the README,
 * "Architecture descriptors"). {@link Architectures#build} turns it into an {@link Architecture}. Unused
 * fields are null.
 *
 * @param family          {@code mlp}, {@code vgg11}, {@code vgg16}, {@code resnet20} or {@code sequential}
 * @param input           one example's shape, {@code [C,H,W]} or {@code [D]}
 * @param classes         number of output logits (families; sequential takes it from the last layer)
 * @param widths          mlp: hidden widths
 * @param keys            mlp: the state_dict prefix of each Linear layer in order (default fc1, fc2, …)
 * @param widthMultiplier vgg/resnet20: channel multiplier (default 1)
 * @param batchNorm       vgg: whether each conv is followed by BatchNorm2d (default false)
 * @param layers          sequential: the layers
 */
public record ArchitectureDescriptor(String family, int[] input, Integer classes, int[] widths, List<String> keys,
                                     Double widthMultiplier, Boolean batchNorm, List<LayerDescriptor> layers) {

    public static ArchitectureDescriptor mlp(int[] input, int[] widths, int classes, List<String> keys) {
        return new ArchitectureDescriptor("mlp", input, classes, widths, keys, null, null, null);
    }

    public static ArchitectureDescriptor vgg(String family, int[] input, int classes, double widthMultiplier,
                                             boolean batchNorm) {
        return new ArchitectureDescriptor(family, input, classes, null, null, widthMultiplier, batchNorm, null);
    }

    public static ArchitectureDescriptor resnet20(int[] input, int classes, double widthMultiplier) {
        return new ArchitectureDescriptor("resnet20", input, classes, null, null, widthMultiplier, null, null);
    }

    public static ArchitectureDescriptor sequential(int[] input, List<LayerDescriptor> layers) {
        return new ArchitectureDescriptor("sequential", input, null, null, null, null, null, layers);
    }

    /**
     * One layer of a sequential descriptor. {@code key} is a state_dict prefix that fills the parameter names
     * PyTorch uses ({@code key.weight}, {@code key.bias}, {@code key.running_mean}, {@code key.running_var});
     * explicit names override it. Sizes left null are read from the tensors.
     *
     * @param type     dense, conv2d, batchnorm, relu, maxpool, avgpool, globalavgpool, flatten, residual
     * @param main     residual: the main branch
     * @param shortcut residual: the shortcut branch (empty or null = identity)
     */
    public record LayerDescriptor(String type, String key, String weight, String bias, String runningMean,
                                  String runningVar, Integer in, Integer out, Integer kernel, Integer stride,
                                  Integer padding, Double eps, List<LayerDescriptor> main,
                                  List<LayerDescriptor> shortcut) {

        public static LayerDescriptor of(String type) {
            return new LayerDescriptor(type, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }

        public static LayerDescriptor keyed(String type, String key) {
            return new LayerDescriptor(type, key, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }

        public static LayerDescriptor conv(String key, int kernel, int stride, int padding) {
            return new LayerDescriptor("conv2d", key, null, null, null, null, null, null, kernel, stride, padding,
                    null, null, null);
        }

        public static LayerDescriptor pool(String type, int kernel, int stride) {
            return new LayerDescriptor(type, null, null, null, null, null, null, null, kernel, stride, null, null,
                    null, null);
        }
    }
}
