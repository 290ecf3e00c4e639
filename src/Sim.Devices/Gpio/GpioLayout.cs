namespace Sim.Devices.Gpio;

// The constants, the nested struct classes and the class's doc comment are generated at compile time from
// src/Sim.Layouts/Wire/gpio.layout.json by Sim.Layouts.Generator; this part is where the layout's code, if any, goes.
public static partial class GpioLayout
{
}
