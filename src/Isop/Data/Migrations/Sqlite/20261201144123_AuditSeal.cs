using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Isop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditSeal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "AuditHeads",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "AuditHeads",
                keyColumn: "Id",
                keyValue: 1,
                column: "Seal",
                value: null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Seal",
                table: "AuditHeads");
        }
    }
}
