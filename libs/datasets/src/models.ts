import {
  DataTypes,
  type Model,
  type ModelStatic,
  type Optional,
  type Sequelize,
} from 'sequelize';

/** Kinds of campus; they shape enrolment sizes and assessment levels. */
export const schoolKinds = ['primary', 'secondary', 'combined'] as const;
export type SchoolKind = (typeof schoolKinds)[number];

/** Assessment domains reported per campus and year. */
export const assessmentDomains = ['reading', 'numeracy'] as const;
export type AssessmentDomain = (typeof assessmentDomains)[number];

export interface RegionRow {
  regionId: string;
  name: string;
}

export interface SchoolRow {
  schoolId: string;
  regionId: string;
  name: string;
  kind: SchoolKind;
}

/** Students enrolled at a campus in a year (census day). */
export interface EnrolmentRow {
  schoolId: string;
  year: number;
  students: number;
}

/** Share of school days attended, in per cent. mysql2 reads DECIMAL as a
 * string, hence the union; the query functions hand out numbers. */
export interface AttendanceRow {
  schoolId: string;
  year: number;
  rate: number | string;
}

/** Mean scale score and share of proficient students in one domain. */
export interface AssessmentResultRow {
  schoolId: string;
  year: number;
  domain: AssessmentDomain;
  meanScore: number | string;
  proficientPct: number | string;
}

/** One row per load of the datasets; the latest one is the data epoch. */
export interface RefreshRow {
  refreshId: number;
  refreshedAt: Date;
  label: string;
}

type Row<T extends object, Optionals extends keyof T = never> = Model<
  T,
  Optional<T, Optionals>
> &
  T;

export interface DatasetModels {
  Region: ModelStatic<Row<RegionRow>>;
  School: ModelStatic<Row<SchoolRow>>;
  Enrolment: ModelStatic<Row<EnrolmentRow>>;
  Attendance: ModelStatic<Row<AttendanceRow>>;
  AssessmentResult: ModelStatic<Row<AssessmentResultRow>>;
  Refresh: ModelStatic<Row<RefreshRow, 'refreshId'>>;
}

// Table and column names are snake_case so that the hand-written SQL in
// queries/ reads the same on SQLite and MySQL without quoting. Models are
// defined per connection (not as shared classes) so that one process can
// hold a SQLite and a MySQL connection at once.
const shared = { underscored: true, timestamps: false } as const;
const id = () => ({ type: DataTypes.STRING(16), allowNull: false });
const key = () => ({ ...id(), primaryKey: true });
const year = () => ({
  type: DataTypes.INTEGER,
  allowNull: false,
  primaryKey: true,
});

/** Defines the models and their relations on one connection. */
export function defineModels(sequelize: Sequelize): DatasetModels {
  const models: DatasetModels = {
    Region: sequelize.define(
      'Region',
      { regionId: key(), name: { type: DataTypes.STRING(80) } },
      { ...shared, tableName: 'regions' },
    ),
    School: sequelize.define(
      'School',
      {
        schoolId: key(),
        regionId: id(),
        name: { type: DataTypes.STRING(120), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
      },
      {
        ...shared,
        tableName: 'schools',
        indexes: [{ fields: ['region_id', 'school_id'] }],
      },
    ),
    Enrolment: sequelize.define(
      'Enrolment',
      {
        schoolId: key(),
        year: year(),
        students: { type: DataTypes.INTEGER, allowNull: false },
      },
      {
        ...shared,
        tableName: 'enrolments',
        // Lets `years()` skip through the index instead of scanning rows.
        indexes: [{ fields: ['year'] }],
      },
    ),
    Attendance: sequelize.define(
      'Attendance',
      {
        schoolId: key(),
        year: year(),
        rate: { type: DataTypes.DECIMAL(5, 2), allowNull: false },
      },
      { ...shared, tableName: 'attendance' },
    ),
    AssessmentResult: sequelize.define(
      'AssessmentResult',
      {
        schoolId: key(),
        year: year(),
        domain: { type: DataTypes.STRING(16), primaryKey: true },
        meanScore: { type: DataTypes.DECIMAL(6, 1), allowNull: false },
        proficientPct: { type: DataTypes.DECIMAL(5, 2), allowNull: false },
      },
      { ...shared, tableName: 'assessment_results' },
    ),
    Refresh: sequelize.define(
      'Refresh',
      {
        refreshId: {
          type: DataTypes.INTEGER,
          primaryKey: true,
          autoIncrement: true,
        },
        // Millisecond precision: MySQL DATETIME drops it unless asked.
        refreshedAt: { type: DataTypes.DATE(3), allowNull: false },
        label: { type: DataTypes.STRING(120), allowNull: false },
      },
      { ...shared, tableName: 'refreshes' },
    ),
  };

  relate(models);
  return models;
}

function relate(models: DatasetModels): void {
  const { Region, School, Enrolment, Attendance, AssessmentResult } = models;
  const cascade = { onDelete: 'CASCADE', onUpdate: 'CASCADE' } as const;
  const bySchool = { foreignKey: 'schoolId', ...cascade } as const;

  Region.hasMany(School, { foreignKey: 'regionId', as: 'schools', ...cascade });
  School.belongsTo(Region, { foreignKey: 'regionId', as: 'region' });

  School.hasMany(Enrolment, { ...bySchool, as: 'enrolments' });
  School.hasMany(Attendance, { ...bySchool, as: 'attendance' });
  School.hasMany(AssessmentResult, { ...bySchool, as: 'assessmentResults' });
  Enrolment.belongsTo(School, { foreignKey: 'schoolId', as: 'school' });
  Attendance.belongsTo(School, { foreignKey: 'schoolId', as: 'school' });
  AssessmentResult.belongsTo(School, { foreignKey: 'schoolId', as: 'school' });
}
