/** `amphi platform bbb …`: a platform's BigBlueButton server (spread into admin/admin-commands.ts). */
export const BBB_ADMIN_COMMANDS = {};
