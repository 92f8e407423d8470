export { isInUse, usageHours, type UsageHour, type UsageReport } from './hours.ts';
export { canonicalTimeZone, countWorkingHours, DEFAULT_WORKING_HOURS, describeWorkingHours, parseWorkingHours, workingHourTest, type WorkingHours } from './working-hours.ts';
export { deviceUtilization, percentile, summarizeHours, utilizationOf, utilizationOver, type DeviceUtilization, type HoursSummary, type UtilizationOptions } from './utilization.ts';
export { bookValue, isIdle } from './value.ts';
export { assetsByAgent, fleetUtilization, groupUtilization, type DeviceUtilizationRow, type FleetUtilizationOptions, type UtilizationDevice, type UtilizationGroup } from './fleet.ts';
export { DEFAULT_PROCESS_RULES, isLibraryPackage, meteredTooBriefly, meteredTooBrieflyReason, meterSoftware, normalizeTitle, type InstalledTitle, type ProcessRule, type SoftwareDevice, type SoftwareTitleUsage } from './software.ts';
