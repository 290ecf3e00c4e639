namespace Sim.Hypervisors.Xen;

/// <summary>
/// The status a grant operation returns (GNTST_*, an <c>int16_t</c>; all errors negative). Values and meanings from
/// xen-project/xen, xen/include/public/grant_table.h; GNTST_no_space (-13, "out of space (handles etc)") was added
/// after the -12 list of older headers (Jan Beulich's gnttab patch that stopped reusing -ENOMEM-like codes for
/// maptrack exhaustion). A failed operation is a value, never an exception: callers branch on it.
/// </summary>
public enum GrantStatus : short
{
    /// <summary>GNTST_okay (0): normal return.</summary>
    Okay = 0,
    /// <summary>GNTST_general_error (-1): general undefined error.</summary>
    GeneralError = -1,
    /// <summary>GNTST_bad_domain (-2): unrecognised domain id.</summary>
    BadDomain = -2,
    /// <summary>GNTST_bad_gntref (-3): unrecognised or inappropriate grant reference.</summary>
    BadGntref = -3,
    /// <summary>GNTST_bad_handle (-4): unrecognised or inappropriate mapping handle.</summary>
    BadHandle = -4,
    /// <summary>GNTST_bad_virt_addr (-5): inappropriate virtual address to map.</summary>
    BadVirtAddr = -5,
    /// <summary>GNTST_bad_dev_addr (-6): inappropriate device address to unmap.</summary>
    BadDevAddr = -6,
    /// <summary>GNTST_no_device_space (-7): out of space in the I/O MMU.</summary>
    NoDeviceSpace = -7,
    /// <summary>GNTST_permission_denied (-8): not enough privilege for the operation.</summary>
    PermissionDenied = -8,
    /// <summary>GNTST_bad_page (-9): the specified page was invalid for the operation.</summary>
    BadPage = -9,
    /// <summary>GNTST_bad_copy_arg (-10): copy arguments cross a page boundary.</summary>
    BadCopyArg = -10,
    /// <summary>GNTST_address_too_big (-11): page address too large.</summary>
    AddressTooBig = -11,
    /// <summary>GNTST_eagain (-12): operation not done; try again.</summary>
    Eagain = -12,
    /// <summary>GNTST_no_space (-13): out of space (grant references, maptrack handles).</summary>
    NoSpace = -13,
}
