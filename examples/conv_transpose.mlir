// The op of the README: a 2-D, stride-2, SAME transposed convolution with a
// bias and a mask, as flax.linen.ConvTranspose(features=8, kernel_size=(3, 3),
// strides=(2, 2), padding="SAME", mask=m) computes it.
func.func @main(%x: tensor<1x16x16x4xf32>, %kernel: tensor<3x3x4x8xf32>,
                %b: tensor<8xf32>, %m: tensor<3x3x4x8xf32>)
    -> tensor<1x32x32x8xf32> {
  %y = convt.conv_transpose %x, %kernel bias %b mask %m {features = 8,
         kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 2>,
         padding = "SAME"}
     : (tensor<1x16x16x4xf32>, tensor<3x3x4x8xf32>, tensor<8xf32>,
        tensor<3x3x4x8xf32>) -> tensor<1x32x32x8xf32>
  return %y : tensor<1x32x32x8xf32>
}
